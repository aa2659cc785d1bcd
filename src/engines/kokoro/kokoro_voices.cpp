#include "engines/kokoro/kokoro_voices.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace chorus::kokoro {
namespace {

std::string shape_text(const std::vector<std::size_t>& shape) {
  std::string s = "(";
  for (std::size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + ")";
}

bool valid_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.';
}

std::string_view strip(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

}  // namespace

std::string VoiceBlend::id() const {
  if (parts.size() == 1) return parts[0].first;
  std::string out;
  for (const auto& [name, weight] : parts) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "(%.3g)", static_cast<double>(weight));
    out += (out.empty() ? "" : "+") + name + buf;
  }
  return out;
}

std::optional<VoiceBlend> parse_voice_blend(std::string_view spec) {
  VoiceBlend blend;
  // Weights stay double until normalized: "(1e300)" is a valid ratio but not a finite float.
  std::vector<double> weights;
  double total = 0;
  while (true) {
    const auto plus = spec.find('+');
    std::string_view part = strip(spec.substr(0, plus));
    double weight = 1.0;
    if (!part.empty() && part.back() == ')') {
      const auto open = part.find('(');
      if (open == std::string_view::npos) return std::nullopt;
      std::string_view number = strip(part.substr(open + 1, part.size() - open - 2));
      auto [ptr, ec] = std::from_chars(number.data(), number.data() + number.size(), weight);
      if (ec != std::errc() || ptr != number.data() + number.size() || !(weight > 0) || !std::isfinite(weight)) {
        return std::nullopt;
      }
      part = strip(part.substr(0, open));
    }
    if (part.empty()) return std::nullopt;
    for (char c : part) {
      if (!valid_name_char(c)) return std::nullopt;
    }
    blend.parts.emplace_back(std::string(part), 0.0f);
    weights.push_back(weight);
    total += weight;
    if (plus == std::string_view::npos) break;
    spec.remove_prefix(plus + 1);
  }
  if (!std::isfinite(total)) return std::nullopt;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    blend.parts[i].second = static_cast<float>(weights[i] / total);
  }
  return blend;
}

std::string voice_language(std::string_view voice) {
  if (voice.size() < 3 || voice[2] != '_') return "";
  switch (voice[0]) {
    case 'a': return "en-us";
    case 'b': return "en-gb";
    case 'e': return "es";
    case 'f': return "fr";
    case 'h': return "hi";
    case 'i': return "it";
    case 'j': return "ja";
    case 'p': return "pt-br";
    case 'z': return "zh";
    default: return "";
  }
}

std::string voice_gender(std::string_view voice) {
  if (voice.size() < 3 || voice[2] != '_') return "";
  if (voice[1] == 'f') return "female";
  if (voice[1] == 'm') return "male";
  return "";
}

VoiceTable VoiceTable::load(const std::string& path) {
  return from_arrays(read_npz_float32(path), path);
}

VoiceTable VoiceTable::from_arrays(std::map<std::string, NpyArray> arrays, const std::string& what) {
  VoiceTable table;
  for (auto& [name, array] : arrays) {
    const auto& s = array.shape;
    const bool ok = (s.size() == 3 && s[1] == 1 && s[2] == kStyleDim) || (s.size() == 2 && s[1] == kStyleDim);
    if (!ok || s[0] == 0) {
      throw NpzError(what + ": voice '" + name + "' has shape " + shape_text(s) + ", expected (510, 1, 256)");
    }
    if (table.rows_ != 0 && s[0] != table.rows_) {
      throw NpzError(what + ": voice '" + name + "' has " + std::to_string(s[0]) + " rows, others have " +
                     std::to_string(table.rows_));
    }
    table.rows_ = s[0];
    table.voices_.emplace(name, std::move(array.data));
  }
  if (table.voices_.empty()) throw NpzError(what + ": no voices in file");
  return table;
}

std::vector<std::string> VoiceTable::names() const {
  std::vector<std::string> out;
  out.reserve(voices_.size());
  for (const auto& [name, data] : voices_) out.push_back(name);
  return out;
}

bool VoiceTable::contains(std::string_view name) const { return voices_.find(name) != voices_.end(); }

std::size_t VoiceTable::row_for(std::size_t token_count) const {
  if (token_count == 0) return 0;
  return std::min(token_count, rows_) - 1;
}

std::vector<float> VoiceTable::style(const VoiceBlend& blend, std::size_t row) const {
  if (row >= rows_) row = rows_ - 1;
  std::vector<float> out(kStyleDim, 0.0f);
  for (const auto& [name, weight] : blend.parts) {
    auto it = voices_.find(name);
    if (it == voices_.end()) throw std::out_of_range("unknown Kokoro voice '" + name + "'");
    const float* src = it->second.data() + row * kStyleDim;
    for (std::size_t k = 0; k < kStyleDim; ++k) out[k] += weight * src[k];
  }
  return out;
}

}  // namespace chorus::kokoro
