#include "text/text_analysis.h"

#include <cstdio>

#include "core/api_error.h"
#include "text/language.h"
#include "text/markup.h"
#include "text/sentence_splitter.h"
#include "text/ssml.h"
#include "text/utf8.h"
#include "text/word_alignment.h"

namespace chorus {

namespace {

// Phoneme segments travel through chunking as one private-use code point each, so no
// sentence or word split can land inside their IPA; they are written back afterwards.
constexpr char32_t kPlaceholderBase = 0xF0000;

std::vector<TextSegment> parse_input(std::string_view input, const AnalyzeOptions& o,
                                     std::string_view language) {
  if (o.ssml) {
    SsmlResult r = parse_ssml(input, language);
    if (!r.ok) throw ApiError::invalid("Invalid SSML: " + r.error, "input", "invalid_ssml");
    return std::move(r.segments);
  }
  if (o.inline_markup) return parse_inline_markup(input);
  return {TextSegment::plain(std::string(input))};
}

std::string plain_text(const std::vector<TextSegment>& segments) {
  std::string out;
  for (const auto& s : segments) {
    if (s.kind != TextSegment::Kind::kPause) {
      out += s.text;
      out += ' ';
    }
  }
  return out;
}

std::string format_pause(double seconds) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "[pause:%gs]", seconds);
  return buf;
}

std::string restore_placeholders(std::string_view text, const std::vector<std::string>& markup) {
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = pos;
    const char32_t cp = decode_utf8(text, pos);
    if (cp >= kPlaceholderBase && cp < kPlaceholderBase + markup.size()) {
      out += markup[cp - kPlaceholderBase];
    } else {
      out.append(text, start, pos - start);
    }
  }
  return out;
}

}  // namespace

TextAnalysis analyze_text(std::string_view input, std::optional<std::string> language,
                          const AnalyzeOptions& options) {
  TextAnalysis result;
  const std::string clean = sanitize_utf8(input);
  std::string fallback = normalize_language_tag(options.fallback_language).value_or("en");

  if (language && !language->empty()) {
    auto tag = normalize_language_tag(*language);
    if (!tag) throw ApiError::invalid("Invalid language tag: " + *language, "language", "invalid_language");
    result.language = *tag;
  }

  std::vector<TextSegment> segments = parse_input(clean, options, result.language.empty() ? fallback : result.language);
  if (result.language.empty()) {
    const DetectedLanguage d = detect_language(plain_text(segments), fallback);
    result.language = d.language.empty() ? fallback : d.language;
    // Keep the fallback's region when detection agrees with it ("en-gb" stays "en-gb").
    if (primary_subtag(fallback) == result.language) result.language = fallback;
    result.language_detected = true;
    result.language_reliable = d.reliable;
    // say-as conversions depend on the language: parse again in the detected one.
    if (options.ssml && result.language != fallback) segments = parse_input(clean, options, result.language);
  }

  result.written_words = written_words(segments, result.language);
  if (options.request_lexicon) segments = options.request_lexicon->apply(segments);
  if (options.server_lexicon) segments = options.server_lexicon->apply(segments);

  // Normalize, then build blocks of text separated by pauses.
  struct Block {
    std::string text;
    double pause_after = 0;
  };
  std::vector<Block> blocks(1);
  std::vector<std::string> markup;  // per placeholder: "[word](/ipa/)"
  bool single_rate = true;
  std::optional<double> rate;  // pauses have no rate of their own
  for (const auto& seg : segments) {
    if (seg.kind != TextSegment::Kind::kPause) {
      if (!rate) rate = seg.rate;
      if (seg.rate != *rate) single_rate = false;
    }
    switch (seg.kind) {
      case TextSegment::Kind::kPause:
        blocks.back().pause_after += seg.pause_seconds;
        result.normalized += " " + format_pause(seg.pause_seconds) + " ";
        blocks.emplace_back();
        break;
      case TextSegment::Kind::kPhonemes: {
        const std::string m = phoneme_markup(seg.text, seg.phonemes);
        result.normalized += m;
        append_utf8(blocks.back().text, kPlaceholderBase + static_cast<char32_t>(markup.size()));
        markup.push_back(m);
        break;
      }
      case TextSegment::Kind::kText: {
        const std::string lang = seg.language.empty() ? result.language : seg.language;
        const std::string words = options.normalize && seg.normalize
                                      ? normalize_text(seg.text, lang, options.normalize_options)
                                      : seg.text;
        // Keep the spacing around the segment that normalization trims.
        const bool lead = !seg.text.empty() && (seg.text.front() == ' ' || seg.text.front() == '\n');
        const bool trail = !seg.text.empty() && (seg.text.back() == ' ' || seg.text.back() == '\n');
        const std::string piece = (lead ? " " : "") + words + (trail && !words.empty() ? " " : "");
        result.normalized += piece;
        blocks.back().text += piece;
        break;
      }
    }
  }
  result.rate = single_rate && rate ? *rate : 1.0;
  result.normalized = collapse_whitespace(result.normalized);

  for (const auto& block : blocks) {
    std::vector<TextChunk> chunks = split_into_chunks(block.text, result.language, options.chunk_options);
    for (auto& c : chunks) {
      c.text = restore_placeholders(c.text, markup);
      result.chunks.push_back(std::move(c));
    }
    if (!result.chunks.empty() && block.pause_after > 0) {
      result.chunks.back().pause_after_seconds += block.pause_after;
    }
  }
  return result;
}

}  // namespace chorus
