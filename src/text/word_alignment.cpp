#include "text/word_alignment.h"

#include <algorithm>

#include "text/abbreviations.h"
#include "text/markup.h"
#include "text/normalizer.h"
#include "text/unicode.h"
#include "text/utf8.h"
#include "text/word_spans.h"

namespace chorus {
namespace {

// Marks that surround words without being part of them.
bool is_edge_punctuation(char32_t cp) {
  switch (cp) {
    case U'.': case U',': case U';': case U':': case U'!': case U'?': case U'"': case U'\'':
    case U'(': case U')': case U'[': case U']': case U'{': case U'}': case U'«': case U'»':
    case U'“': case U'”': case U'‘': case U'’': case U'„': case U'¿': case U'¡': case U'…':
    case U'—': case U'–': case U'。': case U'、': case U'，': case U'！': case U'？':
      return true;
    default:
      return false;
  }
}

std::string_view strip_edges(std::string_view word, bool keep_final_period) {
  while (!word.empty()) {
    std::size_t pos = 0;
    if (!is_edge_punctuation(decode_utf8(word, pos))) break;
    word.remove_prefix(pos);
  }
  while (!word.empty()) {
    std::size_t start = word.size() - 1;
    while (start > 0 && (static_cast<unsigned char>(word[start]) & 0xC0) == 0x80) --start;
    std::size_t pos = start;
    const char32_t cp = decode_utf8(word, pos);
    if (!is_edge_punctuation(cp) || (keep_final_period && cp == U'.')) break;
    word.remove_suffix(word.size() - start);
  }
  return word;
}

bool is_abbreviation(std::string_view word, std::string_view language) {
  if (word.empty() || word.back() != '.') return false;
  std::string_view stem = strip_edges(word, false);
  return abbreviation_kind(to_lower(stem), language) != AbbreviationKind::kNone;
}

std::size_t spoken_count(std::string_view written, std::string_view language) {
  const std::string normalized = normalize_text(written, language);
  return std::max<std::size_t>(1, word_spans(normalized).size());
}

// Spoken words [s0, s1) shared out over written words [w0, w1) in proportion to their weights.
void fill_gap(const std::vector<std::string>& written, std::size_t w0, std::size_t w1, std::size_t s0,
              std::size_t s1, std::string_view language, std::vector<long>& out) {
  if (s0 >= s1 || w0 >= w1) return;  // spoken words with no written word stay -1
  std::vector<double> bounds{0};
  for (std::size_t w = w0; w < w1; ++w) {
    const double weight = w1 - w0 == 1 ? 1.0 : static_cast<double>(spoken_count(written[w], language));
    bounds.push_back(bounds.back() + weight);
  }
  const double scale = static_cast<double>(s1 - s0) / bounds.back();
  std::size_t w = 0;
  for (std::size_t s = s0; s < s1; ++s) {
    const double middle = (static_cast<double>(s - s0) + 0.5) / scale;
    while (w + 1 < w1 - w0 && middle >= bounds[w + 1]) ++w;
    out[s] = static_cast<long>(w0 + w);
  }
}

// Above this many cells the exact alignment's table costs too much memory; long inputs use the
// windowed search instead (normalization keeps written and spoken words close together).
constexpr std::size_t kMaxTableCells = 4'000'000;
constexpr std::size_t kWindow = 24;

bool same(const std::vector<std::string>& wk, std::size_t i, const std::vector<std::string>& sk, std::size_t j) {
  return !wk[i].empty() && wk[i] == sk[j];
}

// Pairs of equal words, in order, as many as possible (longest common subsequence).
std::vector<std::pair<std::size_t, std::size_t>> common_subsequence(const std::vector<std::string>& wk,
                                                                    const std::vector<std::string>& sk) {
  const std::size_t m = wk.size(), n = sk.size();
  std::vector<std::vector<unsigned>> lcs(m + 1, std::vector<unsigned>(n + 1, 0));
  for (std::size_t i = m; i-- > 0;) {
    for (std::size_t j = n; j-- > 0;) {
      lcs[i][j] = same(wk, i, sk, j) ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  std::size_t i = 0, j = 0;
  while (i < m && j < n) {
    if (same(wk, i, sk, j) && lcs[i][j] == lcs[i + 1][j + 1] + 1) {
      pairs.emplace_back(i++, j++);
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
      ++i;
    } else {
      ++j;
    }
  }
  return pairs;
}

// Pairs of equal words found by looking a few words ahead on both sides: linear time and memory.
std::vector<std::pair<std::size_t, std::size_t>> nearby_matches(const std::vector<std::string>& wk,
                                                                const std::vector<std::string>& sk) {
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  std::size_t i = 0, j = 0;
  while (i < wk.size() && j < sk.size()) {
    bool found = false;
    for (std::size_t reach = 0; reach <= 2 * kWindow && !found; ++reach) {
      for (std::size_t di = 0; di <= std::min(reach, kWindow) && !found; ++di) {
        const std::size_t dj = reach - di;
        if (dj > kWindow || i + di >= wk.size() || j + dj >= sk.size()) continue;
        if (same(wk, i + di, sk, j + dj)) {
          pairs.emplace_back(i + di, j + dj);
          i += di + 1;
          j += dj + 1;
          found = true;
        }
      }
    }
    if (!found) {
      ++i;
      ++j;
    }
  }
  return pairs;
}

}  // namespace

std::string word_key(std::string_view word) {
  if (!word.empty() && word.front() == '[') {
    const auto pieces = parse_inline_markup_pieces(word);
    if (pieces.size() == 1 && pieces[0].segment.kind == TextSegment::Kind::kPhonemes) {
      return to_lower(strip_edges(pieces[0].segment.text, false));
    }
  }
  return to_lower(strip_edges(word, false));
}

std::vector<std::string> written_words(const std::vector<TextSegment>& segments, std::string_view language) {
  std::vector<std::string> words;
  for (const auto& segment : segments) {
    if (segment.kind == TextSegment::Kind::kPhonemes) {
      words.push_back(segment.text);
    } else if (segment.kind == TextSegment::Kind::kText) {
      for (const auto& [begin, end] : word_spans(segment.text)) {
        const std::string_view token = std::string_view(segment.text).substr(begin, end - begin);
        words.emplace_back(strip_edges(token, is_abbreviation(token, language)));
      }
    }
  }
  return words;
}

std::vector<long> align_words(const std::vector<std::string>& written, const std::vector<std::string>& spoken,
                              std::string_view language) {
  const std::size_t m = written.size(), n = spoken.size();
  std::vector<std::string> wk, sk;
  for (const auto& w : written) wk.push_back(word_key(w));
  for (const auto& s : spoken) sk.push_back(word_key(s));
  const std::vector<std::pair<std::size_t, std::size_t>> anchors =
      m * n <= kMaxTableCells ? common_subsequence(wk, sk) : nearby_matches(wk, sk);
  std::vector<long> out(n, -1);
  std::size_t gap_w = 0, gap_s = 0;
  for (const auto& [i, j] : anchors) {
    fill_gap(written, gap_w, i, gap_s, j, language, out);
    out[j] = static_cast<long>(i);
    gap_w = i + 1;
    gap_s = j + 1;
  }
  fill_gap(written, gap_w, m, gap_s, n, language, out);
  return out;
}

}  // namespace chorus
