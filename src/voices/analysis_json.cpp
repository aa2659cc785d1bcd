#include "voices/analysis_json.h"

#include <cmath>

namespace chorus::voices {
namespace {

double rounded(double value, double step) { return std::round(value / step) * step; }

}  // namespace

nlohmann::json analysis_to_json(const audio::VoiceAnalysis& a) {
  nlohmann::json ltas = nlohmann::json::array();
  for (float db : a.ltas_db) ltas.push_back(rounded(db, 0.01));
  return {{"duration_seconds", rounded(a.duration_seconds, 0.001)},
          {"speech_seconds", rounded(a.speech_seconds, 0.001)},
          {"f0_median_hz", rounded(a.f0_median_hz, 0.01)},
          {"f0_low_hz", rounded(a.f0_low_hz, 0.01)},
          {"f0_high_hz", rounded(a.f0_high_hz, 0.01)},
          {"speaking_rate", rounded(a.speaking_rate, 0.01)},
          {"ltas_db", ltas}};
}

audio::VoiceAnalysis analysis_from_json(const nlohmann::json& json) {
  audio::VoiceAnalysis a;
  if (!json.is_object()) return a;
  a.duration_seconds = json.value("duration_seconds", 0.0);
  a.speech_seconds = json.value("speech_seconds", 0.0);
  a.f0_median_hz = json.value("f0_median_hz", 0.0);
  a.f0_low_hz = json.value("f0_low_hz", 0.0);
  a.f0_high_hz = json.value("f0_high_hz", 0.0);
  a.speaking_rate = json.value("speaking_rate", 0.0);
  if (auto it = json.find("ltas_db"); it != json.end() && it->is_array()) {
    for (const auto& v : *it) a.ltas_db.push_back(v.is_number() ? v.get<float>() : 0.0f);
  }
  return a;
}

}  // namespace chorus::voices
