#include "wyoming/sentence_buffer.h"

#include "text/sentence_splitter.h"

namespace chorus::wyoming {
namespace {

bool ends_with_space(const std::string& text) {
  return !text.empty() && (text.back() == ' ' || text.back() == '\n' || text.back() == '\t' ||
                           text.back() == '\r');
}

}  // namespace

SentenceBuffer::SentenceBuffer(std::string language, std::size_t max_pending_chars)
    : language_(std::move(language)), max_pending_chars_(max_pending_chars) {}

std::vector<std::string> SentenceBuffer::add(std::string_view text) {
  pending_.append(text);
  std::vector<std::string> complete;
  std::vector<Sentence> sentences = split_sentences(pending_, language_);
  if (sentences.size() >= 2) {
    for (std::size_t i = 0; i + 1 < sentences.size(); ++i) {
      complete.push_back(std::move(sentences[i].text));
    }
    // The last sentence may still grow. A space after it matters: it separates the words of
    // the next piece ("Hello" + " world" vs "Hello" + "world").
    bool space = ends_with_space(pending_);
    pending_ = std::move(sentences.back().text);
    if (space) pending_ += ' ';
  }
  if (pending_.size() > max_pending_chars_) {
    // No sentence end in sight: speak what there is rather than buffer without bound.
    std::string rest = finish();
    if (!rest.empty()) complete.push_back(std::move(rest));
  }
  return complete;
}

std::string SentenceBuffer::finish() {
  std::string rest = collapse_whitespace(pending_);
  pending_.clear();
  return rest;
}

}  // namespace chorus::wyoming
