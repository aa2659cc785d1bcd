#include "engines/xtts/xtts_latents.h"

#include <charconv>
#include <cmath>

#include <nlohmann/json.hpp>

#include "core/api_error.h"

namespace chorus::xtts {
namespace {

// Depth-first copy of every number in (possibly nested) arrays.
void flatten(const nlohmann::json& value, std::vector<float>& out, const char* field) {
  if (value.is_number()) {
    double number = value.get<double>();
    if (!std::isfinite(number)) throw EngineError(std::string("xtts: non-finite value in ") + field);
    out.push_back(static_cast<float>(number));
    return;
  }
  if (!value.is_array()) throw EngineError(std::string("xtts: ") + field + " is not a numeric array");
  for (const auto& item : value) flatten(item, out, field);
}

void append_float(std::string& out, float value) {
  char buffer[32];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

void append_floats(std::string& out, const float* data, std::size_t count) {
  out += '[';
  for (std::size_t i = 0; i < count; ++i) {
    if (i) out += ',';
    append_float(out, data[i]);
  }
  out += ']';
}

}  // namespace

Latents latents_from_json(const nlohmann::json& value) {
  if (!value.is_object()) throw EngineError("xtts: speaker latents are not a JSON object");
  auto latent = value.find("gpt_cond_latent");
  auto embedding = value.find("speaker_embedding");
  if (latent == value.end() || embedding == value.end()) {
    throw EngineError("xtts: speaker latents lack gpt_cond_latent or speaker_embedding");
  }
  Latents out;
  out.gpt_cond_latent.reserve(32 * kLatentWidth);
  out.speaker_embedding.reserve(kEmbeddingSize);
  flatten(*latent, out.gpt_cond_latent, "gpt_cond_latent");
  flatten(*embedding, out.speaker_embedding, "speaker_embedding");
  if (out.gpt_cond_latent.empty() || out.gpt_cond_latent.size() % kLatentWidth != 0) {
    throw EngineError("xtts: gpt_cond_latent has " + std::to_string(out.gpt_cond_latent.size()) +
                      " values, not a multiple of 1024");
  }
  if (out.speaker_embedding.size() != kEmbeddingSize) {
    throw EngineError("xtts: speaker_embedding has " +
                      std::to_string(out.speaker_embedding.size()) + " values, expected 512");
  }
  return out;
}

Latents parse_latents(std::string_view json_text) {
  nlohmann::json value = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) throw EngineError("xtts: speaker latents are not valid JSON");
  return latents_from_json(value);
}

void append_latent_fields(std::string& out, const Latents& latents) {
  // ~8 characters per value keeps reallocations rare for the 33k numbers.
  out.reserve(out.size() + (latents.gpt_cond_latent.size() + kEmbeddingSize) * 9 + 64);
  out += "\"gpt_cond_latent\":[";
  for (std::size_t row = 0; row < latents.rows(); ++row) {
    if (row) out += ',';
    append_floats(out, latents.gpt_cond_latent.data() + row * kLatentWidth, kLatentWidth);
  }
  out += "],\"speaker_embedding\":";
  append_floats(out, latents.speaker_embedding.data(), latents.speaker_embedding.size());
}

std::string latents_to_json(const Latents& latents) {
  std::string out = "{";
  append_latent_fields(out, latents);
  out += '}';
  return out;
}

}  // namespace chorus::xtts
