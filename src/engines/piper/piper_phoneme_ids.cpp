#include "engines/piper/piper_phoneme_ids.h"

namespace chorus::piper {

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
