// Chinese, Japanese and Korean normalization data.
#include "text/language_pack.h"

namespace chorus {

namespace {

const std::vector<UnitWords>& zh_units() {
  static const std::vector<UnitWords> u{
      {"km", {"公里", "公里", "公里"}}, {"m", {"米", "米", "米"}}, {"cm", {"厘米", "厘米", "厘米"}},
      {"kg", {"公斤", "公斤", "公斤"}}, {"g", {"克", "克", "克"}}, {"l", {"升", "升", "升"}},
      {"°C", {"摄氏度", "摄氏度", "摄氏度"}}, {"°", {"度", "度", "度"}},
      {"km/h", {"公里每小时", "公里每小时", "公里每小时"}}, {"GB", {"GB", "GB", "GB"}},
      {"h", {"小时", "小时", "小时"}}, {"min", {"分钟", "分钟", "分钟"}}, {"s", {"秒", "秒", "秒"}},
  };
  return u;
}

}  // namespace

const LanguagePack& language_pack_zh() {
  static const LanguagePack pack{
      .language = "zh",
      .decimal_separators = ".",
      .group_separators = ",，",
      .plural = plural_none,
      .minus = "负",
      .point = "点",
      .and_word = "",
      .range_to = "到",
      .over = "分之",
      .magnitude_of = "",
      .percent = {"百分之", "百分之", "百分之"},
      .percent_before = true,
      .fraction_denominator_first = true,
      .magnitudes = {{{"千", "千", "千"}, {"百万", "百万", "百万"}, {"十亿", "十亿", "十亿"}, {"万亿", "万亿", "万亿"}}},
      .months = {"一月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月",
                 "十一月", "十二月"},
      .time_hm = "{h}点{m}分",
      .time_h = "{h}点",
      .date_template = "{y}年{m}{d}日",
      .numeric_date_order = DateOrder::kYearMonthDay,
      .currencies = {
          {"CNY", {"¥", "￥", "元", "RMB"}, {"元", "元", "元"}, {}},
          {"USD", {"$", "美元"}, {"美元", "美元", "美元"}, {}},
          {"EUR", {"€", "欧元"}, {"欧元", "欧元", "欧元"}, {}},
          {"GBP", {"£", "英镑"}, {"英镑", "英镑", "英镑"}, {}},
          {"JPY", {"日元"}, {"日元", "日元", "日元"}, {}},
      },
      .units = zh_units(),
      .symbols = {{"&", "和"}, {"+", "加"}, {"=", "等于"}, {"@", "at"}, {"%", "百分之"},
                  {"°", "度"}, {"×", "乘"}, {"~", "大约"}, {"#", "号"}},
      .dot = "点",
      .at = "at",
      .slash = "斜杠",
      .hashtag = "话题",
      .year_suffixes = {"年"},
      .no_spaces = true,
  };
  return pack;
}

const LanguagePack& language_pack_ja() {
  static const LanguagePack pack{
      .language = "ja",
      .decimal_separators = ".",
      .group_separators = ",，",
      .plural = plural_none,
      .minus = "マイナス",
      .point = "点",
      .and_word = "",
      .range_to = "から",
      .over = "分の",
      .magnitude_of = "",
      .percent = {"パーセント", "パーセント", "パーセント"},
      .fraction_denominator_first = true,
      .magnitudes = {{{"千", "千", "千"}, {"百万", "百万", "百万"}, {"十億", "十億", "十億"}, {"兆", "兆", "兆"}}},
      .months = {"一月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月",
                 "十一月", "十二月"},
      .time_hm = "{h}時{m}分",
      .time_h = "{h}時",
      .date_template = "{y}年{m}{d}日",
      .numeric_date_order = DateOrder::kYearMonthDay,
      .currencies = {
          {"JPY", {"¥", "￥", "円"}, {"円", "円", "円"}, {}},
          {"USD", {"$", "ドル"}, {"ドル", "ドル", "ドル"}, {"セント", "セント", "セント"}},
          {"EUR", {"€", "ユーロ"}, {"ユーロ", "ユーロ", "ユーロ"}, {}},
          {"GBP", {"£"}, {"ポンド", "ポンド", "ポンド"}, {}},
      },
      .units = {
          {"km", {"キロメートル", "キロメートル", "キロメートル"}}, {"m", {"メートル", "メートル", "メートル"}},
          {"cm", {"センチメートル", "センチメートル", "センチメートル"}},
          {"kg", {"キログラム", "キログラム", "キログラム"}}, {"g", {"グラム", "グラム", "グラム"}},
          {"l", {"リットル", "リットル", "リットル"}}, {"°C", {"度", "度", "度"}}, {"°", {"度", "度", "度"}},
          {"km/h", {"キロメートル毎時", "キロメートル毎時", "キロメートル毎時"}},
          {"GB", {"ギガバイト", "ギガバイト", "ギガバイト"}}, {"MB", {"メガバイト", "メガバイト", "メガバイト"}},
          {"h", {"時間", "時間", "時間"}}, {"min", {"分", "分", "分"}}, {"s", {"秒", "秒", "秒"}},
      },
      .symbols = {{"&", "アンド"}, {"+", "プラス"}, {"=", "イコール"}, {"@", "アット"},
                  {"%", "パーセント"}, {"°", "度"}, {"×", "かける"}, {"~", "約"}, {"#", "番"}},
      .dot = "ドット",
      .at = "アット",
      .slash = "スラッシュ",
      .hashtag = "ハッシュタグ",
      .no_spaces = true,
  };
  return pack;
}

const LanguagePack& language_pack_ko() {
  static const LanguagePack pack{
      .language = "ko",
      .decimal_separators = ".",
      .group_separators = ",",
      .plural = plural_none,
      .minus = "마이너스",
      .point = "점",
      .and_word = "",
      .range_to = "내지",
      .over = "분의 ",
      .magnitude_of = "",
      .percent = {"퍼센트", "퍼센트", "퍼센트"},
      .fraction_denominator_first = true,
      .magnitudes = {{{"천", "천", "천"}, {"백만", "백만", "백만"}, {"십억", "십억", "십억"}, {"조", "조", "조"}}},
      .months = {"일월", "이월", "삼월", "사월", "오월", "유월", "칠월", "팔월", "구월", "시월",
                 "십일월", "십이월"},
      .time_hm = "{h} 시 {m} 분",
      .time_h = "{h} 시",
      .hour_words = hour_ko,
      .date_template = "{y}년 {m} {d}일",
      .numeric_date_order = DateOrder::kYearMonthDay,
      .currencies = {
          {"KRW", {"₩", "원"}, {"원", "원", "원"}, {}},
          {"USD", {"$", "달러"}, {"달러", "달러", "달러"}, {"센트", "센트", "센트"}},
          {"EUR", {"€", "유로"}, {"유로", "유로", "유로"}, {}},
          {"JPY", {"¥", "엔"}, {"엔", "엔", "엔"}, {}},
      },
      .units = {
          {"km", {"킬로미터", "킬로미터", "킬로미터"}}, {"m", {"미터", "미터", "미터"}},
          {"cm", {"센티미터", "센티미터", "센티미터"}}, {"kg", {"킬로그램", "킬로그램", "킬로그램"}},
          {"g", {"그램", "그램", "그램"}}, {"l", {"리터", "리터", "리터"}}, {"°C", {"도", "도", "도"}},
          {"°", {"도", "도", "도"}}, {"km/h", {"시속 킬로미터", "시속 킬로미터", "시속 킬로미터"}},
          {"GB", {"기가바이트", "기가바이트", "기가바이트"}}, {"MB", {"메가바이트", "메가바이트", "메가바이트"}},
          {"h", {"시간", "시간", "시간"}}, {"min", {"분", "분", "분"}}, {"s", {"초", "초", "초"}},
      },
      .abbreviations = {{"6월", "유월"}, {"10월", "시월"}},
      .symbols = {{"&", "앤드"}, {"+", "더하기"}, {"=", "는"}, {"@", "골뱅이"}, {"%", "퍼센트"},
                  {"°", "도"}, {"×", "곱하기"}, {"~", "약"}, {"#", "번"}},
      .dot = "점",
      .at = "골뱅이",
      .slash = "슬래시",
      .hashtag = "해시태그",
  };
  return pack;
}

}  // namespace chorus
