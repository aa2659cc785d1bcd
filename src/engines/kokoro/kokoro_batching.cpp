#include "engines/kokoro/kokoro_batching.h"

#include <algorithm>
#include <cmath>

namespace chorus::kokoro {
namespace {

bool breaks_after(char32_t c) {
  switch (c) {
    case U'.': case U',': case U'!': case U'?': case U';': case U':': case U'…': case U'—':
      return true;
    default:
      return false;
  }
}

bool closes(char32_t c) { return c == U')' || c == U'”' || c == U'"'; }

struct Piece {
  std::u32string text;
  std::size_t tokens = 0;
};

std::vector<std::u32string> split_pieces(const std::u32string& s) {
  std::vector<std::u32string> pieces;
  std::u32string current;
  for (std::size_t i = 0; i < s.size(); ++i) {
    current.push_back(s[i]);
    if (!breaks_after(s[i])) continue;
    while (i + 1 < s.size() && (breaks_after(s[i + 1]) || closes(s[i + 1]))) current.push_back(s[++i]);
    pieces.push_back(std::move(current));
    current.clear();
  }
  if (!current.empty()) pieces.push_back(std::move(current));
  for (auto& p : pieces) {
    while (!p.empty() && p.front() == U' ') p.erase(p.begin());
    while (!p.empty() && p.back() == U' ') p.pop_back();
  }
  std::erase_if(pieces, [](const std::u32string& p) { return p.empty(); });
  return pieces;
}

// A piece over the limit: cut at spaces, and a single over-long word at the limit itself.
std::vector<Piece> cut_long_piece(const std::u32string& text, const Vocabulary& vocab, std::size_t max_tokens) {
  std::vector<Piece> out;
  Piece current;
  auto flush = [&] {
    if (!current.text.empty()) out.push_back(std::move(current));
    current = Piece{};
  };
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find(U' ', pos);
    if (end == std::u32string::npos) end = text.size();
    std::u32string word = text.substr(pos, end - pos);
    pos = end + 1;
    if (word.empty()) { if (end == text.size()) break; continue; }
    std::size_t word_tokens = vocab.encode(word).size();
    while (word_tokens > max_tokens) {  // hard cut, counted in tokens
      flush();
      std::size_t taken = 0, cut = 0;
      for (; cut < word.size() && taken < max_tokens; ++cut) taken += vocab.contains(word[cut]) ? 1 : 0;
      out.push_back(Piece{word.substr(0, cut), taken});
      word.erase(0, cut);
      word_tokens = vocab.encode(word).size();
    }
    const std::size_t extra = current.text.empty() ? word_tokens : word_tokens + (vocab.contains(U' ') ? 1 : 0);
    if (current.tokens + extra > max_tokens) flush();
    if (!current.text.empty()) {
      current.text.push_back(U' ');
      current.tokens += vocab.contains(U' ') ? 1 : 0;
    }
    current.text += word;
    current.tokens += word_tokens;
    if (end == text.size()) break;
  }
  flush();
  return out;
}

}  // namespace

std::vector<Batch> split_batches(std::string_view phonemes, const Vocabulary& vocab, std::size_t max_tokens) {
  std::vector<Piece> pieces;
  for (auto& text : split_pieces(utf8_to_u32(phonemes))) {
    const std::size_t tokens = vocab.encode(text).size();
    if (tokens > max_tokens) {
      for (auto& p : cut_long_piece(text, vocab, max_tokens)) pieces.push_back(std::move(p));
    } else {
      pieces.push_back(Piece{std::move(text), tokens});
    }
  }
  const std::size_t space_tokens = vocab.contains(U' ') ? 1 : 0;
  std::vector<Batch> batches;
  std::u32string current;
  std::size_t current_tokens = 0;
  auto flush = [&] {
    auto ids = vocab.encode(current);
    if (!ids.empty()) batches.push_back(Batch{u32_to_utf8(current), std::move(ids)});
    current.clear();
    current_tokens = 0;
  };
  for (const auto& piece : pieces) {
    if (piece.tokens == 0) continue;
    const std::size_t needed = current.empty() ? piece.tokens : current_tokens + space_tokens + piece.tokens;
    if (needed > max_tokens) flush();
    if (!current.empty()) {
      current.push_back(U' ');
      current_tokens += space_tokens;
    }
    current += piece.text;
    current_tokens += piece.tokens;
  }
  flush();
  return batches;
}

std::pair<std::size_t, std::size_t> non_silent_range(std::span<const float> samples, float top_db,
                                                     std::size_t frame, std::size_t hop) {
  const std::size_t n = samples.size();
  if (n == 0 || hop == 0 || frame == 0) return {0, 0};
  // Prefix sums of squares over the zero-padded signal make each frame's energy O(1).
  const std::size_t pad = frame / 2;
  std::vector<double> prefix(n + 1, 0.0);
  for (std::size_t i = 0; i < n; ++i) prefix[i + 1] = prefix[i] + double(samples[i]) * double(samples[i]);
  auto energy = [&](std::size_t frame_index) {
    // Frame t covers padded [t*hop, t*hop+frame) = original [t*hop-pad, t*hop-pad+frame).
    const long long begin = static_cast<long long>(frame_index * hop) - static_cast<long long>(pad);
    const long long end = begin + static_cast<long long>(frame);
    const std::size_t b = static_cast<std::size_t>(std::clamp<long long>(begin, 0, static_cast<long long>(n)));
    const std::size_t e = static_cast<std::size_t>(std::clamp<long long>(end, 0, static_cast<long long>(n)));
    return (prefix[e] - prefix[b]) / double(frame);
  };
  const std::size_t frames = 1 + n / hop;
  std::vector<double> power(frames);
  double max_power = 0;
  for (std::size_t t = 0; t < frames; ++t) {
    power[t] = energy(t);
    max_power = std::max(max_power, power[t]);
  }
  if (max_power <= 0) return {0, 0};
  // Non-silent: 10*log10(power/max) > -top_db, i.e. power > max * 10^(-top_db/10).
  const double threshold = max_power * std::pow(10.0, -double(top_db) / 10.0);
  std::size_t first = frames, last = 0;
  for (std::size_t t = 0; t < frames; ++t) {
    if (power[t] > threshold) {
      if (first == frames) first = t;
      last = t;
    }
  }
  if (first == frames) return {0, 0};
  return {std::min(first * hop, n), std::min((last + 1) * hop, n)};
}

}  // namespace chorus::kokoro
