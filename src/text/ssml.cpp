#include "text/ssml.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <optional>

#include "core/speech_bounds.h"
#include "text/chunker.h"
#include "text/language.h"
#include "text/markup.h"
#include "text/utf8.h"

namespace chorus {

namespace {

struct Element {
  std::string name;
  std::string language;
  double rate = 1.0;
  std::string say_as;     // interpret-as, when inside <say-as>
  std::string format;
  std::optional<std::string> phonemes;  // ph, when inside <phoneme>
  std::optional<std::string> alias;     // alias, when inside <sub>
  std::string collected;                // text gathered by say-as / phoneme / sub
};

struct Tag {
  std::string name;
  std::map<std::string, std::string> attributes;
  bool closing = false;
  bool self_closing = false;
};

class Parser {
 public:
  Parser(std::string_view input, std::string_view language) : s_(input), language_(language) {}

  SsmlResult run() {
    SsmlResult result;
    if (s_.size() > kMaxSsmlBytes) return fail("SSML input is larger than 200000 bytes");
    if (!is_valid_utf8(s_)) return fail("SSML input is not valid UTF-8");
    stack_.push_back(Element{"#document", std::string(language_), 1.0, {}, {}, {}, {}, {}});
    while (pos_ < s_.size() && error_.empty()) {
      if (s_[pos_] == '<') {
        markup();
      } else {
        const std::size_t end = std::min(s_.find('<', pos_), s_.size());
        text(s_.substr(pos_, end - pos_));
        pos_ = end;
      }
    }
    if (error_.empty() && stack_.size() > 1) error_ = "element <" + stack_.back().name + "> is not closed";
    if (error_.empty() && !saw_speak_) error_ = "SSML must have a <speak> root element";
    if (!error_.empty()) return fail(error_);
    result.ok = true;
    result.segments = std::move(segments_);
    return result;
  }

 private:
  SsmlResult fail(std::string message) {
    SsmlResult r;
    r.error = std::move(message);
    if (pos_ > 0) r.error += " (at byte " + std::to_string(pos_) + ")";
    return r;
  }

  bool starts(std::string_view p) const { return s_.substr(pos_, p.size()) == p; }

  void markup() {
    if (starts("<!--")) {
      const auto end = s_.find("-->", pos_ + 4);
      if (end == std::string_view::npos) return set_error("unterminated comment");
      pos_ = end + 3;
      return;
    }
    if (starts("<![CDATA[")) {
      const auto end = s_.find("]]>", pos_ + 9);
      if (end == std::string_view::npos) return set_error("unterminated CDATA section");
      raw_text(std::string(s_.substr(pos_ + 9, end - pos_ - 9)));
      pos_ = end + 3;
      return;
    }
    if (starts("<!")) return set_error("DTDs and entity declarations are not allowed");
    if (starts("<?")) {
      const auto end = s_.find("?>", pos_ + 2);
      if (end == std::string_view::npos) return set_error("unterminated processing instruction");
      pos_ = end + 2;
      return;
    }
    auto tag = parse_tag();
    if (!tag) return;
    if (tag->closing) return close(tag->name);
    open(*tag);
    if (tag->self_closing) close(tag->name);
  }

  void set_error(std::string message) {
    if (error_.empty()) error_ = std::move(message);
  }

  static bool name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == ':' || c == '.';
  }

  void skip_ws() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) ++pos_;
  }

  std::string read_name() {
    const std::size_t start = pos_;
    while (pos_ < s_.size() && name_char(s_[pos_])) ++pos_;
    return std::string(s_.substr(start, pos_ - start));
  }

  std::optional<Tag> parse_tag() {
    Tag tag;
    ++pos_;  // '<'
    if (pos_ < s_.size() && s_[pos_] == '/') {
      tag.closing = true;
      ++pos_;
    }
    tag.name = read_name();
    if (tag.name.empty()) {
      set_error("malformed tag");
      return std::nullopt;
    }
    while (true) {
      skip_ws();
      if (pos_ >= s_.size()) {
        set_error("unterminated tag <" + tag.name + ">");
        return std::nullopt;
      }
      if (s_[pos_] == '>') {
        ++pos_;
        return tag;
      }
      if (starts("/>") && !tag.closing) {
        pos_ += 2;
        tag.self_closing = true;
        return tag;
      }
      const std::string attr = read_name();
      skip_ws();
      if (attr.empty() || tag.closing || pos_ >= s_.size() || s_[pos_] != '=') {
        set_error("malformed attribute in <" + tag.name + ">");
        return std::nullopt;
      }
      ++pos_;
      skip_ws();
      if (pos_ >= s_.size() || (s_[pos_] != '"' && s_[pos_] != '\'')) {
        set_error("attribute values must be quoted in <" + tag.name + ">");
        return std::nullopt;
      }
      const char quote = s_[pos_++];
      const auto end = s_.find(quote, pos_);
      if (end == std::string_view::npos || end - pos_ > 1000) {
        set_error("unterminated or oversized attribute in <" + tag.name + ">");
        return std::nullopt;
      }
      auto value = decode_entities(s_.substr(pos_, end - pos_));
      if (!value) return std::nullopt;
      if (tag.attributes.size() >= 16) {
        set_error("too many attributes in <" + tag.name + ">");
        return std::nullopt;
      }
      tag.attributes[attr] = *value;
      pos_ = end + 1;
    }
  }

  // Only the predefined XML entities and numeric character references exist here.
  std::optional<std::string> decode_entities(std::string_view in) {
    std::string out;
    std::size_t p = 0;
    while (p < in.size()) {
      if (in[p] != '&') {
        out.push_back(in[p++]);
        continue;
      }
      const auto semi = in.find(';', p);
      if (semi == std::string_view::npos || semi - p > 12) {
        set_error("malformed entity");
        return std::nullopt;
      }
      const std::string_view name = in.substr(p + 1, semi - p - 1);
      if (name == "lt") out += '<';
      else if (name == "gt") out += '>';
      else if (name == "amp") out += '&';
      else if (name == "quot") out += '"';
      else if (name == "apos") out += '\'';
      else if (name.size() > 1 && name[0] == '#') {
        const bool hex = name[1] == 'x' || name[1] == 'X';
        const std::string digits(name.substr(hex ? 2 : 1));
        char* end = nullptr;
        const unsigned long cp = std::strtoul(digits.c_str(), &end, hex ? 16 : 10);
        if (digits.empty() || *end != '\0' || cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
          set_error("invalid character reference");
          return std::nullopt;
        }
        append_utf8(out, static_cast<char32_t>(cp));
      } else {
        set_error("unknown entity &" + std::string(name) + ";");
        return std::nullopt;
      }
      p = semi + 1;
    }
    return out;
  }

  void open(const Tag& tag) {
    if (++elements_ > kMaxSsmlElements) return set_error("too many SSML elements");
    if (stack_.size() > kMaxSsmlDepth) return set_error("SSML nesting is too deep");
    const Element& parent = stack_.back();
    Element e{tag.name, parent.language, parent.rate, {}, {}, {}, {}, {}};
    auto attr = [&](const char* name) -> std::string {
      const auto it = tag.attributes.find(name);
      return it == tag.attributes.end() ? std::string() : it->second;
    };
    if (tag.name == "speak") {
      if (stack_.size() != 1 || saw_speak_) return set_error("<speak> must be the only root element");
      saw_speak_ = true;
      const std::string lang = attr("xml:lang");
      if (!lang.empty()) {
        if (auto tagged = normalize_language_tag(lang)) e.language = *tagged;
      }
    } else if (!saw_speak_) {
      return set_error("SSML must have a <speak> root element");
    } else if (tag.name == "break") {
      pause(break_seconds(attr("time"), attr("strength")));
    } else if (tag.name == "lang" || tag.name == "voice") {
      const std::string lang = attr("xml:lang").empty() ? attr("language") : attr("xml:lang");
      if (!lang.empty()) {
        auto tagged = normalize_language_tag(lang);
        if (!tagged) return set_error("invalid language \"" + lang + "\"");
        e.language = *tagged;
      }
    } else if (tag.name == "prosody") {
      const std::string rate = attr("rate");
      if (!rate.empty()) e.rate = std::clamp(parent.rate * rate_value(rate), kMinSpeechSpeed, kMaxSpeechSpeed);
    } else if (tag.name == "say-as") {
      e.say_as = attr("interpret-as");
      e.format = attr("format");
      if (e.say_as.empty()) return set_error("<say-as> needs interpret-as");
    } else if (tag.name == "phoneme") {
      const std::string alphabet = attr("alphabet");
      if (!alphabet.empty() && alphabet != "ipa") {
        return set_error("only alphabet=\"ipa\" is supported in <phoneme>");
      }
      e.phonemes = attr("ph");
      if (e.phonemes->empty()) return set_error("<phoneme> needs ph");
    } else if (tag.name == "sub") {
      e.alias = attr("alias");
    }
    stack_.push_back(std::move(e));
  }

  void close(const std::string& name) {
    if (stack_.size() <= 1 || stack_.back().name != name) {
      return set_error("unexpected </" + name + ">");
    }
    Element e = std::move(stack_.back());
    stack_.pop_back();
    if (e.phonemes) {
      TextSegment s = TextSegment::phoneme(e.collected, *e.phonemes);
      s.language = e.language;
      s.rate = e.rate;
      emit(std::move(s));
    } else if (e.alias) {
      raw_text(*e.alias, /*normalize=*/true);
    } else if (!e.say_as.empty()) {
      TextSegment s = TextSegment::plain(say_as_words(e.collected, e.say_as, e.format,
                                                      e.language.empty() ? language_ : e.language));
      s.normalize = false;
      s.language = e.language;
      s.rate = e.rate;
      emit(std::move(s));
    } else if (name == "p") {
      pause(kParagraphPauseSeconds);
    } else if (name == "s") {
      raw_text(" ");
    }
  }

  static double break_seconds(const std::string& time, const std::string& strength) {
    if (!time.empty()) {
      const double s = parse_duration_seconds(time);
      return s < 0 ? 0.5 : std::min(s, kMaxPauseSeconds);
    }
    if (strength == "none") return 0;
    if (strength == "x-weak") return 0.1;
    if (strength == "weak") return 0.25;
    if (strength == "strong") return 0.75;
    if (strength == "x-strong") return 1.2;
    return 0.5;
  }

  static double rate_value(const std::string& rate) {
    if (rate == "x-slow") return 0.5;
    if (rate == "slow") return 0.75;
    if (rate == "medium" || rate == "default") return 1.0;
    if (rate == "fast") return 1.25;
    if (rate == "x-fast") return 1.5;
    char* end = nullptr;
    const double v = std::strtod(rate.c_str(), &end);
    if (end == rate.c_str() || !(v > 0)) return 1.0;
    if (*end == '%') return v / 100.0;
    return v;
  }

  void text(std::string_view raw) {
    auto decoded = decode_entities(raw);
    if (!decoded) return;
    raw_text(*decoded);
  }

  void raw_text(const std::string& t, bool normalize = true) {
    if (t.empty()) return;
    Element& top = stack_.back();
    // Text inside <phoneme>, <sub> or <say-as> (or their descendants) is collected there.
    for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
      if (it->phonemes || it->alias || !it->say_as.empty()) {
        if (!it->alias) it->collected += t;
        return;
      }
    }
    if (!saw_speak_ || stack_.size() == 1) {
      if (!is_blank(t)) set_error("text outside <speak>");
      return;
    }
    TextSegment s = TextSegment::plain(t);
    s.language = top.language == language_ ? std::string() : top.language;
    s.rate = top.rate;
    s.normalize = normalize;
    emit(std::move(s));
  }

  void pause(double seconds) {
    for (const auto& e : stack_) {
      if (e.phonemes || e.alias || !e.say_as.empty()) return;
    }
    emit(TextSegment::pause(seconds));
  }

  void emit(TextSegment s) {
    if (s.language == language_) s.language.clear();
    if (!segments_.empty() && s.kind == TextSegment::Kind::kText) {
      TextSegment& last = segments_.back();
      if (last.kind == TextSegment::Kind::kText && last.language == s.language &&
          last.rate == s.rate && last.normalize == s.normalize) {
        last.text += s.text;
        return;
      }
    }
    segments_.push_back(std::move(s));
  }

  std::string_view s_;
  std::string language_;
  std::size_t pos_ = 0;
  std::size_t elements_ = 0;
  bool saw_speak_ = false;
  std::string error_;
  std::vector<Element> stack_;
  std::vector<TextSegment> segments_;
};

}  // namespace

SsmlResult parse_ssml(std::string_view ssml, std::string_view language) {
  return Parser(ssml, language).run();
}

bool looks_like_ssml(std::string_view text) {
  std::size_t p = 0;
  while (p < text.size() && (text[p] == ' ' || text[p] == '\n' || text[p] == '\r' || text[p] == '\t')) ++p;
  if (text.substr(p, 5) == "<?xml") {
    const auto end = text.find("?>", p);
    if (end == std::string_view::npos) return false;
    p = end + 2;
    while (p < text.size() && (text[p] == ' ' || text[p] == '\n' || text[p] == '\r' || text[p] == '\t')) ++p;
  }
  return text.substr(p, 6) == "<speak";
}

}  // namespace chorus
