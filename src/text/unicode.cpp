#include "text/unicode.h"

#include "text/utf8.h"

namespace chorus {

namespace {

struct Range {
  char32_t lo;
  char32_t hi;
};

template <std::size_t N>
bool in_ranges(char32_t cp, const Range (&ranges)[N]) {
  for (const auto& r : ranges) {
    if (cp >= r.lo && cp <= r.hi) return true;
  }
  return false;
}

bool in(char32_t cp, char32_t lo, char32_t hi) { return cp >= lo && cp <= hi; }

constexpr Range kPunctuation[] = {
    {0x21, 0x23},     {0x25, 0x2A},     {0x2C, 0x2F},     {0x3A, 0x3B},     {0x3F, 0x40},
    {0x5B, 0x5D},     {0x5F, 0x5F},     {0x7B, 0x7B},     {0x7D, 0x7D},     {0xA1, 0xA1},
    {0xA7, 0xA7},     {0xAB, 0xAB},     {0xB6, 0xB7},     {0xBB, 0xBB},     {0xBF, 0xBF},
    {0x37E, 0x37E},   {0x387, 0x387},   {0x55A, 0x55F},   {0x589, 0x58A},   {0x5BE, 0x5BE},
    {0x5C0, 0x5C0},   {0x5C3, 0x5C3},   {0x5C6, 0x5C6},   {0x5F3, 0x5F4},   {0x60C, 0x60D},
    {0x61B, 0x61B},   {0x61D, 0x61F},   {0x66A, 0x66D},   {0x6D4, 0x6D4},   {0x964, 0x965},
    {0x970, 0x970},   {0x2010, 0x2027}, {0x2030, 0x205E}, {0x2E00, 0x2E5D}, {0x3001, 0x3003},
    {0x3008, 0x3011}, {0x3014, 0x301F}, {0x30FB, 0x30FB}, {0xFE10, 0xFE19}, {0xFE30, 0xFE4F},
    {0xFE50, 0xFE6B}, {0xFF01, 0xFF03}, {0xFF05, 0xFF0A}, {0xFF0C, 0xFF0F}, {0xFF1A, 0xFF1B},
    {0xFF1F, 0xFF20}, {0xFF3B, 0xFF3D}, {0xFF3F, 0xFF3F}, {0xFF5B, 0xFF5B}, {0xFF5D, 0xFF5D},
    {0xFF5F, 0xFF65},
};

constexpr Range kEmoji[] = {
    {0x200D, 0x200D},   {0x20E3, 0x20E3},   {0x231A, 0x231B},   {0x2328, 0x2328},
    {0x23CF, 0x23CF},   {0x23E9, 0x23F3},   {0x23F8, 0x23FA},   {0x24C2, 0x24C2},
    {0x25AA, 0x25AB},   {0x25B6, 0x25B6},   {0x25C0, 0x25C0},   {0x25FB, 0x25FE},
    {0x2600, 0x27BF},   {0x2934, 0x2935},   {0x2B05, 0x2B07},   {0x2B1B, 0x2B1C},
    {0x2B50, 0x2B50},   {0x2B55, 0x2B55},   {0x3030, 0x3030},   {0x303D, 0x303D},
    {0x3297, 0x3297},   {0x3299, 0x3299},   {0xFE0E, 0xFE0F},   {0x1F000, 0x1FAFF},
    {0xE0020, 0xE007F},
};

constexpr Range kControlOrFormat[] = {
    {0x0, 0x8},       {0xE, 0x1F},      {0x7F, 0x9F},     {0xAD, 0xAD},     {0x61C, 0x61C},
    {0x180E, 0x180E}, {0x200B, 0x200F}, {0x202A, 0x202E}, {0x2060, 0x2064}, {0x2066, 0x206F},
    {0xFE00, 0xFE0F}, {0xFEFF, 0xFEFF}, {0xFFF9, 0xFFFB}, {0xE0000, 0xE007F},
};

struct ScriptRange {
  char32_t lo;
  char32_t hi;
  Script script;
};

// Letters (and combining marks) by script; anything not listed is kCommon or kOther.
constexpr ScriptRange kScripts[] = {
    {0x41, 0x5A, Script::kLatin},        {0x61, 0x7A, Script::kLatin},
    {0xAA, 0xAA, Script::kLatin},        {0xBA, 0xBA, Script::kLatin},
    {0xC0, 0xD6, Script::kLatin},        {0xD8, 0xF6, Script::kLatin},
    {0xF8, 0x2AF, Script::kLatin},       {0x300, 0x36F, Script::kCommon},
    {0x370, 0x373, Script::kGreek},      {0x376, 0x377, Script::kGreek},
    {0x37B, 0x37D, Script::kGreek},      {0x386, 0x386, Script::kGreek},
    {0x388, 0x3FF, Script::kGreek},      {0x400, 0x481, Script::kCyrillic},
    {0x483, 0x52F, Script::kCyrillic},   {0x591, 0x5C7, Script::kHebrew},
    {0x5D0, 0x5F2, Script::kHebrew},     {0x610, 0x61A, Script::kArabic},
    {0x620, 0x65F, Script::kArabic},     {0x66E, 0x6D3, Script::kArabic},
    {0x6D5, 0x6FF, Script::kArabic},     {0x750, 0x77F, Script::kArabic},
    {0x8A0, 0x8FF, Script::kArabic},     {0x900, 0x963, Script::kDevanagari},
    {0x971, 0x97F, Script::kDevanagari}, {0x980, 0xDFF, Script::kOther},
    {0xE00, 0xE7F, Script::kThai},       {0x1100, 0x11FF, Script::kHangul},
    {0x1E00, 0x1EFF, Script::kLatin},    {0x1F00, 0x1FFF, Script::kGreek},
    {0x2E80, 0x2FDF, Script::kHan},      {0x3005, 0x3005, Script::kHan},
    {0x3007, 0x3007, Script::kHan},      {0x3021, 0x3029, Script::kHan},
    {0x3041, 0x3096, Script::kHiragana}, {0x3099, 0x309F, Script::kHiragana},
    {0x30A1, 0x30FA, Script::kKatakana}, {0x30FC, 0x30FF, Script::kKatakana},
    {0x3131, 0x318E, Script::kHangul},   {0x31F0, 0x31FF, Script::kKatakana},
    {0x3400, 0x4DBF, Script::kHan},      {0x4E00, 0x9FFF, Script::kHan},
    {0xA960, 0xA97F, Script::kHangul},   {0xAC00, 0xD7A3, Script::kHangul},
    {0xD7B0, 0xD7FF, Script::kHangul},   {0xF900, 0xFAFF, Script::kHan},
    {0xFB50, 0xFDFF, Script::kArabic},   {0xFE70, 0xFEFC, Script::kArabic},
    {0xFF21, 0xFF3A, Script::kLatin},    {0xFF41, 0xFF5A, Script::kLatin},
    {0xFF66, 0xFF9F, Script::kKatakana}, {0xFFA0, 0xFFDC, Script::kHangul},
    {0x20000, 0x3134F, Script::kHan},
};

// Latin Extended-A alternates upper/lower case; these stretches start with the lower case
// on an even code point instead of an odd one.
bool latin_ext_a_odd_upper(char32_t cp) { return in(cp, 0x139, 0x148) || in(cp, 0x179, 0x17E); }

bool pairs_even_upper(char32_t cp) {
  return in(cp, 0x100, 0x137) || in(cp, 0x14A, 0x177) || in(cp, 0x460, 0x481) ||
         in(cp, 0x48A, 0x4BF) || in(cp, 0x4D0, 0x52F) || in(cp, 0x1E00, 0x1E95) ||
         in(cp, 0x1EA0, 0x1EFF);
}

}  // namespace

// ASCII first: nearly every code point of a request is ASCII, and these run for each of them.
bool is_space(char32_t cp) {
  if (cp < 0x80) return in(cp, 0x9, 0xD) || cp == 0x20;
  return cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
         in(cp, 0x2000, 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
         cp == 0x205F || cp == 0x3000;
}

bool is_control_or_format(char32_t cp) {
  if (cp < 0x80) return cp <= 0x8 || in(cp, 0xE, 0x1F) || cp == 0x7F;
  return in_ranges(cp, kControlOrFormat);
}

bool is_ascii_digit(char32_t cp) { return cp >= '0' && cp <= '9'; }

int digit_value(char32_t cp) {
  if (in(cp, 0x30, 0x39)) return static_cast<int>(cp - 0x30);
  if (in(cp, 0x660, 0x669)) return static_cast<int>(cp - 0x660);
  if (in(cp, 0x6F0, 0x6F9)) return static_cast<int>(cp - 0x6F0);
  if (in(cp, 0x966, 0x96F)) return static_cast<int>(cp - 0x966);
  if (in(cp, 0xFF10, 0xFF19)) return static_cast<int>(cp - 0xFF10);
  return -1;
}

Script script_of(char32_t cp) {
  if (cp < 0x41) return Script::kCommon;
  for (const auto& r : kScripts) {
    if (cp >= r.lo && cp <= r.hi) return r.script;
  }
  return Script::kCommon;
}

std::string_view script_name(Script s) {
  switch (s) {
    case Script::kCommon: return "Common";
    case Script::kLatin: return "Latin";
    case Script::kCyrillic: return "Cyrillic";
    case Script::kGreek: return "Greek";
    case Script::kArabic: return "Arabic";
    case Script::kDevanagari: return "Devanagari";
    case Script::kHan: return "Han";
    case Script::kHiragana: return "Hiragana";
    case Script::kKatakana: return "Katakana";
    case Script::kHangul: return "Hangul";
    case Script::kHebrew: return "Hebrew";
    case Script::kThai: return "Thai";
    case Script::kOther: return "Other";
  }
  return "Other";
}

bool is_letter(char32_t cp) {
  if (cp < 0x80) return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
  if (in(cp, 0x300, 0x36F)) return true;  // combining marks belong to the letter before
  // Private-use plane 15 holds placeholders for words the front-end must keep whole.
  if (in(cp, 0xF0000, 0xFFFFD)) return true;
  const Script s = script_of(cp);
  if (s == Script::kCommon) return false;
  return digit_value(cp) < 0;
}

bool is_alnum(char32_t cp) { return is_letter(cp) || digit_value(cp) >= 0; }

bool is_punctuation(char32_t cp) { return in_ranges(cp, kPunctuation); }

bool is_emoji(char32_t cp) { return in_ranges(cp, kEmoji); }

bool is_cjk(char32_t cp) {
  const Script s = script_of(cp);
  return s == Script::kHan || s == Script::kHiragana || s == Script::kKatakana ||
         s == Script::kHangul;
}

char32_t to_lower(char32_t cp) {
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
  if (in(cp, 0xC0, 0xDE) && cp != 0xD7) return cp + 32;
  if (cp == 0x130) return 'i';
  if (cp == 0x178) return 0xFF;
  if (latin_ext_a_odd_upper(cp)) return (cp % 2 == 1) ? cp + 1 : cp;
  if (pairs_even_upper(cp)) return (cp % 2 == 0) ? cp + 1 : cp;
  if (in(cp, 0x391, 0x3AB) && cp != 0x3A2) return cp + 32;
  if (cp == 0x386) return 0x3AC;
  if (in(cp, 0x388, 0x38A)) return cp + 37;
  if (cp == 0x38C) return 0x3CC;
  if (in(cp, 0x38E, 0x38F)) return cp + 63;
  if (in(cp, 0x410, 0x42F)) return cp + 32;
  if (in(cp, 0x400, 0x40F)) return cp + 80;
  if (in(cp, 0xFF21, 0xFF3A)) return cp + 32;
  return cp;
}

char32_t to_upper(char32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') ? cp - 32 : cp;
  if (in(cp, 0xE0, 0xFE) && cp != 0xF7) return cp - 32;
  if (cp == 0xFF) return 0x178;
  if (cp == 0x131) return 'I';
  if (latin_ext_a_odd_upper(cp)) return (cp % 2 == 0) ? cp - 1 : cp;
  if (pairs_even_upper(cp)) return (cp % 2 == 1) ? cp - 1 : cp;
  if (cp == 0x3C2) return 0x3A3;
  if (in(cp, 0x3B1, 0x3CB)) return cp - 32;
  if (cp == 0x3AC) return 0x386;
  if (in(cp, 0x3AD, 0x3AF)) return cp - 37;
  if (cp == 0x3CC) return 0x38C;
  if (in(cp, 0x3CD, 0x3CE)) return cp - 63;
  if (in(cp, 0x430, 0x44F)) return cp - 32;
  if (in(cp, 0x450, 0x45F)) return cp - 80;
  if (in(cp, 0xFF41, 0xFF5A)) return cp - 32;
  return cp;
}

bool is_upper(char32_t cp) { return to_lower(cp) != cp; }

bool is_lower(char32_t cp) {
  if (cp == 0xDF || cp == 0x138 || cp == 0x149 || cp == 0x17F) return true;
  return to_upper(cp) != cp;
}

std::string to_lower(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t pos = 0;
  while (pos < s.size()) {
    const auto b = static_cast<unsigned char>(s[pos]);
    if (b < 0x80) {
      out.push_back(static_cast<char>(to_lower(static_cast<char32_t>(b))));
      ++pos;
      continue;
    }
    append_utf8(out, to_lower(decode_utf8(s, pos)));
  }
  return out;
}

}  // namespace chorus
