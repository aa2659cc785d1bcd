#pragma once
// Speaker latents as XTTS-v2 uses them: the GPT conditioning latent (rows x 1024, 32 rows for
// v2) and the 512-d speaker embedding. Kept as flat floats (a JSON tree of 33k numbers would
// cost ~16x the memory) and written back as JSON only when a request body is built.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace chorus::xtts {

inline constexpr std::size_t kLatentWidth = 1024;
inline constexpr std::size_t kEmbeddingSize = 512;

struct Latents {
  std::vector<float> gpt_cond_latent;    // row-major, rows() x kLatentWidth
  std::vector<float> speaker_embedding;  // kEmbeddingSize values

  std::size_t rows() const { return gpt_cond_latent.size() / kLatentWidth; }
};

// Reads {"gpt_cond_latent": [[...]...], "speaker_embedding": [...]} (the /clone_speaker answer,
// one /studio_speakers entry, or a stored blob). Nested or flat arrays are both accepted, as the
// server reshapes them anyway. Throws EngineError when a field is missing, not numeric, or has a
// shape XTTS would reject (latent not a non-empty multiple of 1024 wide, embedding not 512).
Latents latents_from_json(const nlohmann::json& value);
Latents parse_latents(std::string_view json_text);

// The same object as JSON text: the blob stored with a cloned voice.
std::string latents_to_json(const Latents& latents);

// Appends `"gpt_cond_latent":[[...],...],"speaker_embedding":[...]` (no braces) to a request
// body under construction. Floats are written in their shortest round-trip form.
void append_latent_fields(std::string& out, const Latents& latents);

}  // namespace chorus::xtts
