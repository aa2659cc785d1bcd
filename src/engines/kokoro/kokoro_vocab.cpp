#include "engines/kokoro/kokoro_vocab.h"

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <utility>

#include "text/utf8.h"

namespace chorus::kokoro {

std::u32string utf8_to_u32(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto b0 = static_cast<unsigned char>(text[i]);
    int extra = 0;
    char32_t cp = 0;
    if (b0 < 0x80) { cp = b0; }
    else if ((b0 & 0xE0) == 0xC0) { cp = b0 & 0x1F; extra = 1; }
    else if ((b0 & 0xF0) == 0xE0) { cp = b0 & 0x0F; extra = 2; }
    else if ((b0 & 0xF8) == 0xF0) { cp = b0 & 0x07; extra = 3; }
    else { out.push_back(U'\uFFFD'); ++i; continue; }
    if (i + extra >= text.size() && extra > 0) {  // truncated sequence at the end
      out.push_back(U'\uFFFD');
      break;
    }
    bool ok = true;
    for (int k = 1; k <= extra; ++k) {
      const auto b = static_cast<unsigned char>(text[i + k]);
      if ((b & 0xC0) != 0x80) { ok = false; break; }
      cp = (cp << 6) | (b & 0x3F);
    }
    if (!ok) { out.push_back(U'\uFFFD'); ++i; continue; }
    out.push_back(cp);
    i += extra + 1;
  }
  return out;
}

std::string u32_to_utf8(std::u32string_view text) {
  std::string out;
  out.reserve(text.size() * 2);
  for (char32_t cp : text) append_utf8(out, cp);
  return out;
}

namespace {

// Kokoro v1.0 vocabulary, code point -> id (config.json "vocab", 114 entries).
constexpr std::pair<char32_t, std::int64_t> kV1Vocab[] = {
    {U';', 1},       {U':', 2},       {U',', 3},       {U'.', 4},       {U'!', 5},
    {U'?', 6},       {U'\u2014', 9},  {U'\u2026', 10}, {U'"', 11},      {U'(', 12},
    {U')', 13},      {U'\u201C', 14}, {U'\u201D', 15}, {U' ', 16},      {U'\u0303', 17},
    {U'\u02A3', 18}, {U'\u02A5', 19}, {U'\u02A6', 20}, {U'\u02A8', 21}, {U'\u1D5D', 22},
    {U'\uAB67', 23}, {U'A', 24},      {U'I', 25},      {U'O', 31},      {U'Q', 33},
    {U'S', 35},      {U'T', 36},      {U'W', 39},      {U'Y', 41},      {U'\u1D4A', 42},
    {U'a', 43},      {U'b', 44},      {U'c', 45},      {U'd', 46},      {U'e', 47},
    {U'f', 48},      {U'h', 50},      {U'i', 51},      {U'j', 52},      {U'k', 53},
    {U'l', 54},      {U'm', 55},      {U'n', 56},      {U'o', 57},      {U'p', 58},
    {U'q', 59},      {U'r', 60},      {U's', 61},      {U't', 62},      {U'u', 63},
    {U'v', 64},      {U'w', 65},      {U'x', 66},      {U'y', 67},      {U'z', 68},
    {U'\u0251', 69}, {U'\u0250', 70}, {U'\u0252', 71}, {U'\u00E6', 72}, {U'\u03B2', 75},
    {U'\u0254', 76}, {U'\u0255', 77}, {U'\u00E7', 78}, {U'\u0256', 80}, {U'\u00F0', 81},
    {U'\u02A4', 82}, {U'\u0259', 83}, {U'\u025A', 85}, {U'\u025B', 86}, {U'\u025C', 87},
    {U'\u025F', 90}, {U'\u0261', 92}, {U'\u0265', 99}, {U'\u0268', 101}, {U'\u026A', 102},
    {U'\u029D', 103}, {U'\u026F', 110}, {U'\u0270', 111}, {U'\u014B', 112}, {U'\u0273', 113},
    {U'\u0272', 114}, {U'\u0274', 115}, {U'\u00F8', 116}, {U'\u0278', 118}, {U'\u03B8', 119},
    {U'\u0153', 120}, {U'\u0279', 123}, {U'\u027E', 125}, {U'\u027B', 126}, {U'\u0281', 128},
    {U'\u027D', 129}, {U'\u0282', 130}, {U'\u0283', 131}, {U'\u0288', 132}, {U'\u02A7', 133},
    {U'\u028A', 135}, {U'\u028B', 136}, {U'\u028C', 138}, {U'\u0263', 139}, {U'\u0264', 140},
    {U'\u03C7', 142}, {U'\u028E', 143}, {U'\u0292', 147}, {U'\u0294', 148}, {U'\u02C8', 156},
    {U'\u02CC', 157}, {U'\u02D0', 158}, {U'\u02B0', 162}, {U'\u02B2', 164}, {U'\u2193', 169},
    {U'\u2192', 171}, {U'\u2197', 172}, {U'\u2198', 173}, {U'\u1D7B', 177},
};

}  // namespace

Vocabulary Vocabulary::v1() {
  Vocabulary vocab;
  for (const auto& [symbol, id] : kV1Vocab) vocab.ids_.emplace(symbol, id);
  return vocab;
}

Vocabulary Vocabulary::from_config_json(std::string_view json) {
  nlohmann::json config;
  try {
    config = nlohmann::json::parse(json);
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(std::string("kokoro_config metadata is not valid JSON: ") + e.what());
  }
  if (!config.is_object() || !config.contains("vocab") || !config["vocab"].is_object()) {
    throw std::runtime_error("kokoro_config metadata has no \"vocab\" object");
  }
  Vocabulary vocab;
  for (const auto& [key, value] : config["vocab"].items()) {
    const std::u32string symbol = utf8_to_u32(key);
    if (symbol.size() != 1 || !value.is_number_integer()) {
      throw std::runtime_error("kokoro_config vocab entry \"" + key +
                               "\" is not one code point mapped to an integer id");
    }
    vocab.ids_[symbol[0]] = value.get<std::int64_t>();
  }
  if (vocab.ids_.empty()) throw std::runtime_error("kokoro_config vocab is empty");
  return vocab;
}

std::vector<std::int64_t> Vocabulary::encode(std::u32string_view phonemes) const {
  std::vector<std::int64_t> ids;
  ids.reserve(phonemes.size());
  for (char32_t cp : phonemes) {
    auto it = ids_.find(cp);
    if (it != ids_.end()) ids.push_back(it->second);
  }
  return ids;
}

std::vector<std::int64_t> Vocabulary::encode(std::string_view phonemes_utf8) const {
  return encode(utf8_to_u32(phonemes_utf8));
}

std::int64_t Vocabulary::id(char32_t symbol) const {
  auto it = ids_.find(symbol);
  return it == ids_.end() ? -1 : it->second;
}

}  // namespace chorus::kokoro
