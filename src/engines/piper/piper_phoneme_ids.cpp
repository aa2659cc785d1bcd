#include "engines/piper/piper_phoneme_ids.h"

#include <algorithm>

#include <array>
#include <utility>

namespace chorus::piper {
namespace {

// Unicode's canonical decompositions of the lower-case Latin letters with one diacritic that
// occur in espeak-ng's IPA (Latin-1 Supplement and the common Latin Extended-A ones).
constexpr std::array<std::pair<char32_t, std::pair<char32_t, char32_t>>, 40> kDecompositions{{
    {U'à', {U'a', 0x300}}, {U'á', {U'a', 0x301}}, {U'â', {U'a', 0x302}}, {U'ã', {U'a', 0x303}},
    {U'ä', {U'a', 0x308}}, {U'å', {U'a', 0x30A}}, {U'ç', {U'c', 0x327}}, {U'è', {U'e', 0x300}},
    {U'é', {U'e', 0x301}}, {U'ê', {U'e', 0x302}}, {U'ë', {U'e', 0x308}}, {U'ì', {U'i', 0x300}},
    {U'í', {U'i', 0x301}}, {U'î', {U'i', 0x302}}, {U'ï', {U'i', 0x308}}, {U'ñ', {U'n', 0x303}},
    {U'ò', {U'o', 0x300}}, {U'ó', {U'o', 0x301}}, {U'ô', {U'o', 0x302}}, {U'õ', {U'o', 0x303}},
    {U'ö', {U'o', 0x308}}, {U'ù', {U'u', 0x300}}, {U'ú', {U'u', 0x301}}, {U'û', {U'u', 0x302}},
    {U'ü', {U'u', 0x308}}, {U'ý', {U'y', 0x301}}, {U'ÿ', {U'y', 0x308}}, {U'ā', {U'a', 0x304}},
    {U'ē', {U'e', 0x304}}, {U'ī', {U'i', 0x304}}, {U'ō', {U'o', 0x304}}, {U'ū', {U'u', 0x304}},
    {U'ă', {U'a', 0x306}}, {U'ĕ', {U'e', 0x306}}, {U'ě', {U'e', 0x30C}}, {U'ǎ', {U'a', 0x30C}},
    {U'ǐ', {U'i', 0x30C}}, {U'ǒ', {U'o', 0x30C}}, {U'ǔ', {U'u', 0x30C}}, {U'ş', {U's', 0x327}},
}};

}  // namespace

std::u32string decompose_phonemes(std::u32string_view phonemes) {
  std::u32string out;
  out.reserve(phonemes.size());
  for (char32_t p : phonemes) {
    auto it = std::find_if(kDecompositions.begin(), kDecompositions.end(), [p](const auto& d) { return d.first == p; });
    if (it == kDecompositions.end()) {
      out.push_back(p);
    } else {
      out.push_back(it->second.first);
      out.push_back(it->second.second);
    }
  }
  return out;
}

std::u32string map_phonemes(std::u32string_view phonemes, const PiperVoiceConfig& voice) {
  if (voice.phoneme_map.empty()) return std::u32string(phonemes);
  std::u32string out;
  for (char32_t p : phonemes) {
    auto it = voice.phoneme_map.find(p);
    if (it == voice.phoneme_map.end()) {
      out.push_back(p);
    } else {
      out += it->second;
    }
  }
  return out;
}

std::vector<std::int64_t> phoneme_ids(std::u32string_view phonemes, const PiperVoiceConfig& voice,
                                      std::set<char32_t>* missing) {
  const auto& map = voice.phoneme_id_map;
  const auto& pad = map.at(U'_');
  std::vector<std::int64_t> ids(map.at(U'^'));
  ids.insert(ids.end(), pad.begin(), pad.end());
  for (char32_t p : phonemes) {
    auto it = map.find(p);
    if (it == map.end()) {
      if (missing) missing->insert(p);
      continue;
    }
    ids.insert(ids.end(), it->second.begin(), it->second.end());
    ids.insert(ids.end(), pad.begin(), pad.end());
  }
  const auto& end = map.at(U'$');
  ids.insert(ids.end(), end.begin(), end.end());
  return ids;
}

}  // namespace chorus::piper
