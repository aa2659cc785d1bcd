// Chinese, Japanese and Korean (Sino-Korean) numbers: groups of four digits (万, 億/亿, 兆).
#include <array>

#include "text/number_words.h"

namespace chorus {

namespace {

struct CjkTables {
  std::array<std::string_view, 10> digits;
  std::array<std::string_view, 3> small_units;  // 十 百 千
  std::array<std::string_view, 3> big_units;    // 万 億 兆
  std::string_view zero_filler;  // Chinese says 零 for skipped places; Japanese/Korean do not
  bool omit_one_before_small;    // 十, 百 rather than 一十, 一百
  bool omit_one_before_thousand;
  bool omit_one_before_myriad;   // Korean 만 rather than 일만
  std::string_view group_separator;  // Korean writes a space after each myriad group
};

const CjkTables kZh{{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"},
                    {"十", "百", "千"},
                    {"万", "亿", "万亿"},
                    "零",
                    false,
                    false,
                    false,
                    ""};
const CjkTables kJa{{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"},
                    {"十", "百", "千"},
                    {"万", "億", "兆"},
                    "",
                    true,
                    true,
                    false,
                    ""};
const CjkTables kKo{{"영", "일", "이", "삼", "사", "오", "육", "칠", "팔", "구"},
                    {"십", "백", "천"},
                    {"만", "억", "조"},
                    "",
                    true,
                    true,
                    true,
                    " "};

// One group of four digits (1-9999). leading: nothing precedes it in the number.
std::string group_words(const CjkTables& t, unsigned n, bool leading) {
  std::string out;
  bool pending_zero = false;
  const std::array<unsigned, 4> places{1000, 100, 10, 1};
  bool started = false;
  for (std::size_t i = 0; i < places.size(); ++i) {
    const unsigned d = (n / places[i]) % 10;
    if (d == 0) {
      if (started) pending_zero = true;
      continue;
    }
    if (pending_zero && !t.zero_filler.empty()) out += t.zero_filler;
    pending_zero = false;
    const bool is_unit_place = i == 3;
    const bool omit_one = d == 1 && !is_unit_place &&
                          ((i == 0 && t.omit_one_before_thousand) || (i > 0 && t.omit_one_before_small) ||
                           // Chinese: 十 alone at the very start (十五), 一十 inside (一百一十).
                           (i == 2 && leading && !started && t.zero_filler == "零"));
    if (!omit_one) out += t.digits[d];
    if (!is_unit_place) out += t.small_units[2 - i];
    started = true;
  }
  return out;
}

std::string cjk_cardinal(const CjkTables& t, std::uint64_t n) {
  if (n == 0) return std::string(t.digits[0]);
  std::array<unsigned, 4> groups{};  // from 10^12 down to 10^0
  std::uint64_t rest = n;
  for (int i = 3; i >= 0; --i) {
    groups[static_cast<std::size_t>(i)] = static_cast<unsigned>(rest % 10000);
    rest /= 10000;
  }
  std::string out;
  bool started = false;
  bool gap = false;
  for (std::size_t i = 0; i < 4; ++i) {
    const unsigned g = groups[i];
    if (g == 0) {
      if (started) gap = true;
      continue;
    }
    // A skipped group or a group below 1000 inside the number is marked by 零 in Chinese.
    if (started && (gap || g < 1000) && !t.zero_filler.empty()) out += t.zero_filler;
    std::string w;
    const bool myriad = i < 3;
    if (myriad && g == 1 && t.omit_one_before_myriad && !started) {
      w = "";
    } else {
      w = group_words(t, g, !started);
    }
    if (started && !t.group_separator.empty()) out += t.group_separator;
    out += w;
    if (myriad) out += t.big_units[2 - i];
    started = true;
    gap = false;
  }
  return out;
}

}  // namespace

std::string cardinal_zh(std::uint64_t n, Gender) { return cjk_cardinal(kZh, n); }
std::string ordinal_zh(std::uint64_t n, Gender) { return "第" + cjk_cardinal(kZh, n); }
// Years are read digit by digit in Chinese: 二零二四.
std::string year_zh(std::uint64_t n) {
  std::string out;
  for (char c : std::to_string(n)) out += kZh.digits[static_cast<std::size_t>(c - '0')];
  return out;
}

std::string cardinal_ja(std::uint64_t n, Gender) { return cjk_cardinal(kJa, n); }
std::string ordinal_ja(std::uint64_t n, Gender) { return "第" + cjk_cardinal(kJa, n); }

std::string cardinal_ko(std::uint64_t n, Gender) { return cjk_cardinal(kKo, n); }
std::string ordinal_ko(std::uint64_t n, Gender) { return "제" + cjk_cardinal(kKo, n); }

// Native Korean numbers count hours: 세 시, 열두 시.
std::string hour_ko(unsigned h) {
  static constexpr std::array<std::string_view, 25> kNative{
      "영",      "한",      "두",      "세",      "네",      "다섯",    "여섯",
      "일곱",    "여덟",    "아홉",    "열",      "열한",    "열두",    "열세",
      "열네",    "열다섯",  "열여섯",  "열일곱",  "열여덟",  "열아홉",  "스무",
      "스물한",  "스물두",  "스물세",  "스물네"};
  return h < kNative.size() ? std::string(kNative[h]) : cjk_cardinal(kKo, h);
}

}  // namespace chorus
