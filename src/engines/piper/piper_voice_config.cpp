#include "engines/piper/piper_voice_config.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

#include "text/utf8.h"

namespace chorus::piper {
namespace {

using nlohmann::json;

// A phoneme key must be exactly one code point (Piper's ids are per code point).
char32_t single_code_point(const std::string& key, const std::string& where) {
  std::size_t pos = 0;
  if (key.empty() || !is_valid_utf8(key)) throw PiperVoiceError(where + ": phoneme '" + key + "' is not UTF-8");
  const char32_t cp = decode_utf8(key, pos);
  if (pos != key.size()) throw PiperVoiceError(where + ": phoneme '" + key + "' is more than one code point");
  return cp;
}

std::u32string code_points(const std::string& text) {
  std::u32string out;
  for (std::size_t pos = 0; pos < text.size();) out.push_back(decode_utf8(text, pos));
  return out;
}

// Piper's scales are small positive factors: a value outside [0, 10] (or one a float cannot
// hold, which would become infinity) is a broken voice file, not a voice to run.
float number_or(const json& object, const char* key, float fallback, const std::string& where) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return fallback;
  if (!it->is_number()) throw PiperVoiceError(where + ": inference." + key + " is not a number");
  const double value = it->get<double>();
  if (!(value >= 0.0 && value <= 10.0)) {
    throw PiperVoiceError(where + ": inference." + key + " must be between 0 and 10");
  }
  return static_cast<float>(value);
}

std::string string_or_empty(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

PiperVoiceConfig parse_voice_config(const std::string& json_text, const std::string& path) {
  json root = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded() || !root.is_object()) throw PiperVoiceError(path + ": not a JSON object");
  PiperVoiceConfig config;

  if (auto audio = root.find("audio"); audio != root.end() && audio->is_object()) {
    if (auto rate = audio->find("sample_rate"); rate != audio->end()) {
      if (!rate->is_number_integer() || rate->get<long long>() <= 0 || rate->get<long long>() > 192000) {
        throw PiperVoiceError(path + ": audio.sample_rate must be a positive integer");
      }
      config.sample_rate = rate->get<int>();
    }
    config.quality = string_or_empty(*audio, "quality");
  }

  const std::string phoneme_type = string_or_empty(root, "phoneme_type");
  if (!phoneme_type.empty() && phoneme_type != "espeak" && phoneme_type != "text") {
    throw PiperVoiceError(path + ": phoneme_type '" + phoneme_type + "' is not supported (espeak or text)");
  }
  config.text_phonemes = phoneme_type == "text";
  if (auto espeak = root.find("espeak"); espeak != root.end() && espeak->is_object()) {
    config.espeak_voice = string_or_empty(*espeak, "voice");
  }
  if (!config.text_phonemes && config.espeak_voice.empty()) {
    throw PiperVoiceError(path + ": missing espeak.voice");
  }

  auto id_map = root.find("phoneme_id_map");
  if (id_map == root.end() || !id_map->is_object() || id_map->empty()) {
    throw PiperVoiceError(path + ": missing phoneme_id_map");
  }
  for (const auto& [key, ids] : id_map->items()) {
    const std::string where = path + ": phoneme_id_map";
    const char32_t phoneme = single_code_point(key, where);
    if (!ids.is_array() || ids.empty()) throw PiperVoiceError(where + "['" + key + "'] is not a list of ids");
    std::vector<std::int64_t> values;
    for (const auto& id : ids) {
      if (!id.is_number_integer() || id.get<long long>() < 0) {
        throw PiperVoiceError(where + "['" + key + "'] holds a value that is not a non-negative integer id");
      }
      values.push_back(id.get<std::int64_t>());
    }
    config.phoneme_id_map[phoneme] = std::move(values);
  }
  for (char32_t required : {U'_', U'^', U'$'}) {
    if (!config.phoneme_id_map.count(required)) {
      throw PiperVoiceError(path + ": phoneme_id_map lacks '" + to_utf8(required) + "' (pad, start and end are required)");
    }
  }

  if (auto phoneme_map = root.find("phoneme_map"); phoneme_map != root.end() && phoneme_map->is_object()) {
    for (const auto& [key, value] : phoneme_map->items()) {
      const char32_t from = single_code_point(key, path + ": phoneme_map");
      std::u32string to;
      if (value.is_array()) {
        for (const auto& item : value) {
          if (item.is_string()) to += code_points(item.get<std::string>());
        }
      } else if (value.is_string()) {
        to = code_points(value.get<std::string>());
      }
      config.phoneme_map[from] = to;
    }
  }

  if (auto inference = root.find("inference"); inference != root.end() && inference->is_object()) {
    config.noise_scale = number_or(*inference, "noise_scale", config.noise_scale, path);
    config.length_scale = number_or(*inference, "length_scale", config.length_scale, path);
    config.noise_w = number_or(*inference, "noise_w", config.noise_w, path);
    if (!(config.length_scale > 0)) throw PiperVoiceError(path + ": inference.length_scale must be > 0");
    if (auto silence = inference->find("phoneme_silence"); silence != inference->end() && silence->is_object()) {
      for (const auto& [key, seconds] : silence->items()) {
        if (!seconds.is_number() || seconds.get<double>() < 0 || seconds.get<double>() > 10) continue;
        config.phoneme_silence[single_code_point(key, path + ": inference.phoneme_silence")] = seconds.get<float>();
      }
    }
  }

  if (auto speakers = root.find("num_speakers"); speakers != root.end() && !speakers->is_null()) {
    if (!speakers->is_number_integer() || speakers->get<long long>() < 1 || speakers->get<long long>() > 100000) {
      throw PiperVoiceError(path + ": num_speakers must be a positive integer");
    }
    config.num_speakers = speakers->get<int>();
  }
  if (auto map = root.find("speaker_id_map"); map != root.end() && map->is_object()) {
    for (const auto& [name, id] : map->items()) {
      if (!id.is_number_integer() || id.get<long long>() < 0 || id.get<long long>() >= config.num_speakers) {
        throw PiperVoiceError(path + ": speaker_id_map['" + name + "'] is not an id in 0.." +
                              std::to_string(config.num_speakers - 1));
      }
      config.speaker_id_map[name] = id.get<std::int64_t>();
    }
  }
  if (auto language = root.find("language"); language != root.end() && language->is_object()) {
    config.language_code = string_or_empty(*language, "code");
  }
  config.dataset = string_or_empty(root, "dataset");
  return config;
}

PiperVoiceConfig load_voice_config(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw PiperVoiceError(path + ": cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_voice_config(text.str(), path);
}

}  // namespace chorus::piper
