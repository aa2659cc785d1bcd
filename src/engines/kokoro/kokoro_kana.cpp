#include "engines/kokoro/kokoro_kana.h"

#include <string_view>
#include <unordered_map>

#include "engines/kokoro/kokoro_vocab.h"

namespace chorus::kokoro {
namespace {

struct KanaEntry {
  std::string_view kana;
  std::string_view phonemes;
};

// Kana (one hiragana, or a hiragana digraph) -> phonemes, and the punctuation marks. The
// romanization of misaki's Japanese G2P (its HEPBURN table), which Kokoro's Japanese voices
// were trained with. Katakana are looked up as hiragana.
constexpr KanaEntry kKana[] = {
    {"«", "“"}, {"»", "”"}, {"—", "—"}, {"、", ","}, {"。", "."}, {"《", "("}, {"》", ")"}, {"「", "“"},
    {"」", "”"}, {"『", "“"}, {"』", "”"}, {"【", "["}, {"】", "]"}, {"〜", "—"}, {"ぁ", "a"}, {"あ", "a"},
    {"ぃ", "i"}, {"い", "i"}, {"ぅ", "ɯ"}, {"う", "ɯ"}, {"ぇ", "e"}, {"え", "e"}, {"ぉ", "o"}, {"お", "o"},
    {"か", "ka"}, {"が", "ɡa"}, {"き", "kʲi"}, {"ぎ", "ɡʲi"}, {"く", "kɯ"}, {"ぐ", "ɡɯ"}, {"け", "ke"},
    {"げ", "ɡe"}, {"こ", "ko"}, {"ご", "ɡo"}, {"さ", "sa"}, {"ざ", "ʣa"}, {"し", "ɕi"}, {"じ", "ʥi"},
    {"す", "sɨ"}, {"ず", "zɨ"}, {"せ", "se"}, {"ぜ", "ʣe"}, {"そ", "so"}, {"ぞ", "ʣo"}, {"た", "ta"},
    {"だ", "da"}, {"ち", "ʨi"}, {"ぢ", "ʥi"}, {"つ", "ʦɨ"}, {"づ", "zɨ"}, {"て", "te"}, {"で", "de"},
    {"と", "to"}, {"ど", "do"}, {"な", "na"}, {"に", "ɲi"}, {"ぬ", "nɯ"}, {"ね", "ne"}, {"の", "no"},
    {"は", "ha"}, {"ば", "ba"}, {"ぱ", "pa"}, {"ひ", "çi"}, {"び", "bʲi"}, {"ぴ", "pʲi"}, {"ふ", "ɸɯ"},
    {"ぶ", "bɯ"}, {"ぷ", "pɯ"}, {"へ", "he"}, {"べ", "be"}, {"ぺ", "pe"}, {"ほ", "ho"}, {"ぼ", "bo"},
    {"ぽ", "po"}, {"ま", "ma"}, {"み", "mʲi"}, {"む", "mɯ"}, {"め", "me"}, {"も", "mo"}, {"ゃ", "ja"},
    {"や", "ja"}, {"ゅ", "jɯ"}, {"ゆ", "jɯ"}, {"ょ", "jo"}, {"よ", "jo"}, {"ら", "ɾa"}, {"り", "ɾʲi"},
    {"る", "ɾɯ"}, {"れ", "ɾe"}, {"ろ", "ɾo"}, {"ゎ", "βa"}, {"わ", "βa"}, {"ゐ", "i"}, {"ゑ", "e"},
    {"を", "o"}, {"ゔ", "vɯ"}, {"ゕ", "ka"}, {"ゖ", "ke"}, {"゙", ""}, {"゚", ""}, {"ヷ", "va"},
    {"ヸ", "vʲi"}, {"ヹ", "ve"}, {"ヺ", "vo"}, {"・", " "}, {"！", "!"}, {"（", "("}, {"）", ")"},
    {"，", ","}, {"：", ":"}, {"；", ";"}, {"？", "?"}, {"～", "—"}, {"いぇ", "je"}, {"うぃ", "βi"},
    {"うぇ", "βe"}, {"うぉ", "βo"}, {"きぇ", "kʲe"}, {"きゃ", "kʲa"}, {"きゅ", "kʲɨ"}, {"きょ", "kʲo"},
    {"ぎゃ", "ɡʲa"}, {"ぎゅ", "ɡʲɨ"}, {"ぎょ", "ɡʲo"}, {"くぁ", "kᵝa"}, {"くぃ", "kᵝi"}, {"くぇ", "kᵝe"},
    {"くぉ", "kᵝo"}, {"ぐぁ", "ɡᵝa"}, {"ぐぃ", "ɡᵝi"}, {"ぐぇ", "ɡᵝe"}, {"ぐぉ", "ɡᵝo"}, {"しぇ", "ɕe"},
    {"しゃ", "ɕa"}, {"しゅ", "ɕɨ"}, {"しょ", "ɕo"}, {"じぇ", "ʥe"}, {"じゃ", "ʥa"}, {"じゅ", "ʥɨ"},
    {"じょ", "ʥo"}, {"ちぇ", "ʨe"}, {"ちゃ", "ʨa"}, {"ちゅ", "ʨɨ"}, {"ちょ", "ʨo"}, {"ぢゃ", "ʥa"},
    {"ぢゅ", "ʥɨ"}, {"ぢょ", "ʥo"}, {"つぁ", "ʦa"}, {"つぃ", "ʦʲi"}, {"つぇ", "ʦe"}, {"つぉ", "ʦo"},
    {"てぃ", "tʲi"}, {"てゅ", "tʲɨ"}, {"でぃ", "dʲi"}, {"でゅ", "dʲɨ"}, {"とぅ", "tɯ"}, {"どぅ", "dɯ"},
    {"にぇ", "ɲe"}, {"にゃ", "ɲa"}, {"にゅ", "ɲɨ"}, {"にょ", "ɲo"}, {"ひぇ", "çe"}, {"ひゃ", "ça"},
    {"ひゅ", "çɨ"}, {"ひょ", "ço"}, {"びゃ", "bʲa"}, {"びゅ", "bʲɨ"}, {"びょ", "bʲo"}, {"ぴゃ", "pʲa"},
    {"ぴゅ", "pʲɨ"}, {"ぴょ", "pʲo"}, {"ふぁ", "ɸa"}, {"ふぃ", "ɸʲi"}, {"ふぇ", "ɸe"}, {"ふぉ", "ɸo"},
    {"ふゅ", "ɸʲɨ"}, {"ふょ", "ɸʲo"}, {"みゃ", "mʲa"}, {"みゅ", "mʲɨ"}, {"みょ", "mʲo"}, {"りゃ", "ɾʲa"},
    {"りゅ", "ɾʲɨ"}, {"りょ", "ɾʲo"}, {"ゔぁ", "va"}, {"ゔぃ", "vʲi"}, {"ゔぇ", "ve"}, {"ゔぉ", "vo"},
    {"ゔゅ", "bʲɨ"}, {"ゔょ", "bʲo"},

};

const std::unordered_map<std::u32string, std::u32string>& kana_table() {
  static const auto table = [] {
    std::unordered_map<std::u32string, std::u32string> t;
    for (const auto& e : kKana) t.emplace(utf8_to_u32(e.kana), utf8_to_u32(e.phonemes));
    return t;
  }();
  return table;
}

const std::u32string* lookup(std::u32string_view kana) {
  const auto& table = kana_table();
  auto it = table.find(std::u32string(kana));
  return it == table.end() ? nullptr : &it->second;
}

const std::u32string* lookup(char32_t a) { return lookup(std::u32string_view(&a, 1)); }

const std::u32string* lookup(char32_t a, char32_t b) {
  const char32_t pair[2] = {a, b};
  return lookup(std::u32string_view(pair, 2));
}

// Small kana that palatalize or replace the vowel of the kana before them.
bool small_kana(char32_t c) {
  return c == U'ゃ' || c == U'ゅ' || c == U'ょ' || c == U'ぁ' || c == U'ぃ' || c == U'ぅ' ||
         c == U'ぇ' || c == U'ぉ';
}

// The voiced kana of か..ほ (for the iteration mark ゞ), or 0.
char32_t voiced(char32_t c) {
  constexpr std::u32string_view plain = U"かきくけこさしすせそたちつてとはひふへほ";
  constexpr std::u32string_view voiced_kana = U"がぎぐげござじずぜぞだぢづでどばびぶべぼ";
  const auto i = plain.find(c);
  return i == std::u32string_view::npos ? 0 : voiced_kana[i];
}

bool starts_with_any(const std::u32string& s, std::u32string_view chars) {
  return !s.empty() && chars.find(s.front()) != std::u32string_view::npos;
}

// ん before m/p/b is m, before k/g ŋ, before ɲ/ʨ/ʥ ɲ, before n/t/d/ɾ/z n, otherwise ɴ.
std::u32string syllabic_n(char32_t next) {
  const std::u32string* after = next ? lookup(next) : nullptr;
  if (after && !after->empty()) {
    if (starts_with_any(*after, U"mpb")) return U"m";
    if (starts_with_any(*after, U"kɡ")) return U"ŋ";
    if (starts_with_any(*after, U"ɲʨʥ")) return U"ɲ";
    if (starts_with_any(*after, U"ntdɾz")) return U"n";
  }
  return U"ɴ";
}

// One kana with its neighbours (0 at the ends).
std::u32string map_kana(char32_t prev, char32_t kana, char32_t next) {
  if (kana == U'ゝ' || kana == U'ヽ') {  // repeat the kana before
    const std::u32string* p = prev ? lookup(prev) : nullptr;
    return p ? *p : U"";
  }
  if (kana == U'ゞ' || kana == U'ヾ') {  // repeat it voiced
    const char32_t v = prev ? voiced(prev) : 0;
    const std::u32string* p = v ? lookup(v) : nullptr;
    return p ? *p : U"";
  }
  if (kana == U'々' || kana == U'〃') return U"";  // their span cannot be inferred here
  if (prev) {
    if (const auto* digraph = lookup(prev, kana)) return *digraph;
  }
  if (next && lookup(kana, next)) return U"";  // the digraph is written at its second kana
  if (next && small_kana(next)) {
    if (kana == U'っ') return U"";
    const std::u32string* base = lookup(kana);
    const std::u32string* vowel = lookup(next);
    if (!base || base->empty() || !vowel) return U"";
    return base->substr(0, base->size() - 1) + *vowel;
  }
  if (small_kana(kana)) return U"";
  if (kana == U'ー') return U"ː";
  if (kana == U'っ') return U"ʔ";
  if (kana == U'ん') return syllabic_n(next);
  const std::u32string* p = lookup(kana);
  return p ? *p : U"";
}

}  // namespace

char32_t katakana_to_hiragana(char32_t c) { return (c >= 0x30A1 && c <= 0x30F6) ? c - 0x60 : c; }

std::u32string katakana_to_hiragana(std::u32string_view text) {
  std::u32string out(text);
  for (auto& c : out) c = katakana_to_hiragana(c);
  return out;
}

std::string kana_to_phonemes(std::u32string_view kana) {
  const std::u32string hira = katakana_to_hiragana(kana);
  std::u32string out;
  for (std::size_t i = 0; i < hira.size(); ++i) {
    const char32_t prev = i > 0 ? hira[i - 1] : 0;
    const char32_t next = i + 1 < hira.size() ? hira[i + 1] : 0;
    out += map_kana(prev, hira[i], next);
  }
  return u32_to_utf8(out);
}

std::string japanese_mark(char32_t c) {
  switch (c) {
    case U'.': case U',': case U'!': case U'?': case U':': case U';': case U'—': case U'…':
      return u32_to_utf8(std::u32string(1, c));
    case U'"': return "\"";
    case U'！': return "!";
    case U'？': return "?";
    case U'：': return ":";
    case U'；': return ";";
    case U'，': return ",";
    case U'・': return " ";
    case U'～': case U'〜': return "—";
    default: break;
  }
  if (const auto* p = lookup(c); p && !p->empty()) return u32_to_utf8(*p);
  return {};
}

}  // namespace chorus::kokoro
