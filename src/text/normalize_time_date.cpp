// Times ("3:45 pm", "15:00") and dates ("2024-03-05", "05/03/2024", "March 5, 2024",
// "5. März").
#include <array>

#include "text/normalize_rules.h"
#include "text/unicode.h"
#include "text/utf8.h"

namespace chorus::normalize {

namespace {

constexpr std::array<unsigned, 12> kDaysInMonth{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

bool valid_date(unsigned d, unsigned m) { return m >= 1 && m <= 12 && d >= 1 && d <= kDaysInMonth[m - 1]; }

std::string replace_all(std::string s, std::string_view key, std::string_view value) {
  for (std::size_t p = s.find(key); p != std::string::npos; p = s.find(key, p + value.size())) {
    s.replace(p, key.size(), value);
  }
  return s;
}

std::string year_text(const Context& ctx, std::uint64_t y) { return year_words(y, ctx.language); }

std::string day_text(const Context& ctx, unsigned d, std::size_t pos) {
  const LanguagePack& pack = ctx.pack;
  if (pack.day_words) return pack.day_words(d);
  std::string day;
  if (pack.day_is_ordinal || (d == 1 && pack.first_day_ordinal)) {
    day = ordinal_words(d, ctx.language, pack.day_gender);
    std::string_view suffix = pack.day_suffix;
    const std::string prev = previous_word(ctx.text, pos);
    for (const auto& [word, ending] : pack.day_suffix_after) {
      if (prev == word) suffix = ending;
    }
    day += suffix;
  } else {
    day = cardinal_words(d, ctx.language, pack.day_gender);
  }
  return day;
}

std::string date_words(const Context& ctx, std::size_t pos, unsigned d, unsigned m,
                       std::optional<std::uint64_t> y) {
  const LanguagePack& pack = ctx.pack;
  const std::string day = day_text(ctx, d, pos);
  std::string t(pack.date_template);
  if (!y) {
    // Drop the year and whatever joins it to the rest ("{m} {d}, {y}" -> "{m} {d}").
    const auto yp = t.find("{y}");
    const auto dp = t.find("{d}");
    const auto mp = t.find("{m}");
    const std::size_t last_other = std::max(dp, mp);
    if (yp != std::string::npos && yp > last_other) {
      t = t.substr(0, last_other + 3);
    } else if (yp != std::string::npos) {
      t = t.substr(std::min(dp, mp));
    }
  }
  t = replace_all(t, "{d}", day);
  t = replace_all(t, "{m}", pack.months[m - 1]);
  if (y) t = replace_all(t, "{y}", pack.year_in_date ? pack.year_in_date(*y) : year_text(ctx, *y));
  return t;
}

// Month name (or its usual abbreviation: the first three letters, optionally with a period)
// at pos; returns 1-12 and sets end.
unsigned month_at(const Context& ctx, std::size_t pos, std::size_t* end) {
  const std::string_view s = ctx.text;
  for (unsigned i = 0; i < 12; ++i) {
    const std::size_t name_end = prefix_end_ci(s, pos, ctx.pack.months[i]);
    if (name_end != 0 && at_word_end(s, name_end)) {
      *end = name_end;
      return i + 1;
    }
  }
  if (ctx.english) {
    for (unsigned i = 0; i < 12; ++i) {
      const std::string_view name = ctx.pack.months[i];
      if (name.size() <= 3) continue;
      const std::size_t len = (i == 8 && starts_with_ci(s, pos, "sept")) ? 4 : 3;
      if (!starts_with_ci(s, pos, name.substr(0, len))) continue;
      std::size_t e = pos + len;
      if (!at_word_end(s, e)) continue;
      if (starts_with(s, e, ".")) ++e;
      *end = e;
      return i + 1;
    }
  }
  return 0;
}

// A day number with an optional ordinal marker: "5", "5th", "5." (before a month).
std::optional<std::pair<unsigned, std::size_t>> day_at(const Context& ctx, std::size_t pos) {
  const std::string_view s = ctx.text;
  const std::size_t e = skip_digits(s, pos);
  if (e == pos || e - pos > 2) return std::nullopt;
  const unsigned d = static_cast<unsigned>(std::stoul(std::string(s.substr(pos, e - pos))));
  std::size_t end = e;
  for (std::string_view suffix : ctx.pack.ordinal_suffixes) {
    if (starts_with_ci(s, e, suffix) && at_word_end(s, e + suffix.size())) {
      end = e + suffix.size();
      break;
    }
  }
  if (end == e && !at_word_end(s, e)) return std::nullopt;
  return std::make_pair(d, end);
}

std::optional<std::pair<std::uint64_t, std::size_t>> year_after(const Context& ctx, std::size_t pos,
                                                                bool comma_allowed) {
  const std::string_view s = ctx.text;
  std::size_t p = pos;
  if (comma_allowed && starts_with(s, p, ",")) ++p;
  if (!starts_with(s, p, " ")) return std::nullopt;
  ++p;
  const std::size_t e = skip_digits(s, p);
  if (e - p != 4 || !at_word_end(s, e)) return std::nullopt;
  return std::make_pair(static_cast<std::uint64_t>(std::stoul(std::string(s.substr(p, e - p)))), e);
}

std::optional<unsigned> two_digits(std::string_view s, std::size_t pos, std::size_t max_len,
                                   std::size_t* end) {
  const std::size_t e = skip_digits(s, pos);
  if (e == pos || e - pos > max_len) return std::nullopt;
  *end = e;
  return static_cast<unsigned>(std::stoul(std::string(s.substr(pos, e - pos))));
}

}  // namespace

std::optional<Match> match_date(const Context& ctx, std::size_t pos) {
  const std::string_view s = ctx.text;
  // ISO 8601: 2024-03-05.
  if (is_digit_at(s, pos)) {
    const std::size_t ye = skip_digits(s, pos);
    if (ye - pos == 4 && starts_with(s, ye, "-") && is_digit_at(s, ye + 1)) {
      std::size_t me = 0;
      std::size_t de = 0;
      auto m = two_digits(s, ye + 1, 2, &me);
      if (m && me - ye - 1 == 2 && starts_with(s, me, "-")) {
        auto d = two_digits(s, me + 1, 2, &de);
        if (d && de - me - 1 == 2 && at_word_end(s, de) && valid_date(*d, *m)) {
          const auto y = std::stoull(std::string(s.substr(pos, 4)));
          return Match{de - pos, date_words(ctx, pos, *d, *m, y)};
        }
      }
    }
    // Numeric: 05/03/2024, 5.3.2024, 03-05-2024 (order per language).
    std::size_t a_end = 0;
    auto a = two_digits(s, pos, 2, &a_end);
    const char sep = a_end < s.size() ? s[a_end] : '\0';
    if (a && (sep == '/' || sep == '.' || sep == '-')) {
      std::size_t b_end = 0;
      auto b = two_digits(s, a_end + 1, 2, &b_end);
      if (b && b_end < s.size() && s[b_end] == sep) {
        std::size_t y_end = 0;
        const std::size_t y_start = b_end + 1;
        y_end = skip_digits(s, y_start);
        const std::size_t ylen = y_end - y_start;
        if ((ylen == 4 || ylen == 2) && at_word_end(s, y_end)) {
          std::uint64_t y = std::stoull(std::string(s.substr(y_start, ylen)));
          if (ylen == 2) y += y < 50 ? 2000 : 1900;
          const bool mdy = ctx.pack.numeric_date_order == DateOrder::kMonthDayYear;
          unsigned d = mdy ? *b : *a;
          unsigned m = mdy ? *a : *b;
          if (!valid_date(d, m) && valid_date(m, d)) std::swap(d, m);  // 25/12 in en-us
          if (valid_date(d, m)) return Match{y_end - pos, date_words(ctx, pos, d, m, y)};
        }
      }
    }
    // Day then month name: "5 March 2024", "5th of March", "5. März".
    if (auto day = day_at(ctx, pos)) {
      std::size_t p = day->second;
      if (starts_with(s, p, ".")) ++p;
      if (starts_with(s, p, " ")) {
        ++p;
        if (ctx.english && starts_with_ci(s, p, "of ")) p += 3;
        std::size_t mend = 0;
        if (const unsigned m = month_at(ctx, p, &mend); m && valid_date(day->first, m)) {
          auto y = year_after(ctx, mend, false);
          return Match{(y ? y->second : mend) - pos,
                       date_words(ctx, pos, day->first, m, y ? std::optional(y->first) : std::nullopt)};
        }
      }
    }
    return std::nullopt;
  }
  // Month name then day: "March 5, 2024", "Jan. 5th".
  std::size_t mend = 0;
  const unsigned m = month_at(ctx, pos, &mend);
  if (m == 0 || !starts_with(s, mend, " ")) return std::nullopt;
  auto day = day_at(ctx, mend + 1);
  if (!day || !valid_date(day->first, m)) return std::nullopt;
  if (starts_with(s, day->second, ":")) return std::nullopt;  // "May 3:15" is a time
  auto y = year_after(ctx, day->second, true);
  return Match{(y ? y->second : day->second) - pos,
               date_words(ctx, pos, day->first, m, y ? std::optional(y->first) : std::nullopt)};
}

std::optional<Match> match_time(const Context& ctx, std::size_t pos) {
  const std::string_view s = ctx.text;
  std::size_t h_end = 0;
  auto h = two_digits(s, pos, 2, &h_end);
  if (!h) return std::nullopt;
  std::optional<unsigned> minutes;
  std::size_t end = h_end;
  if (starts_with(s, h_end, ":") && is_digit_at(s, h_end + 1)) {
    std::size_t m_end = 0;
    minutes = two_digits(s, h_end + 1, 2, &m_end);
    if (!minutes || m_end - h_end - 1 != 2 || *minutes > 59 || *h > 24) return std::nullopt;
    end = m_end;
    // Seconds are dropped: "10:30:15" reads as the minute.
    if (starts_with(s, end, ":") && is_digit_at(s, end + 1)) {
      std::size_t s_end = 0;
      if (two_digits(s, end + 1, 2, &s_end) && s_end - end - 1 == 2) end = s_end;
    }
    if (is_digit_at(s, end) || (starts_with(s, end, ":") && is_digit_at(s, end + 1))) {
      return std::nullopt;
    }
  }
  // am / pm (English and any text that uses them).
  std::string_view meridiem;
  std::size_t after = end;
  {
    std::size_t p = end;
    if (starts_with(s, p, " ")) ++p;
    for (std::string_view m : {"a.m.", "p.m.", "am", "pm", "AM", "PM", "A.M.", "P.M."}) {
      if (starts_with(s, p, m) && (m.back() == '.' || at_word_end(s, p + m.size()))) {
        meridiem = (m[0] == 'a' || m[0] == 'A') ? "a m" : "p m";
        after = p + m.size();
        break;
      }
    }
  }
  if (meridiem.empty() && !minutes) return std::nullopt;
  if (!meridiem.empty() && (*h == 0 || *h > 12)) return std::nullopt;
  if (ctx.english) {
    const std::string hw = cardinal_words(*h, "en");
    std::string words;
    if (!minutes || *minutes == 0) {
      if (!meridiem.empty()) {
        words = hw;
      } else if (*h > 12 || *h == 0) {
        words = (*h == 0 ? std::string("zero") : hw) + " hundred";
      } else {
        words = hw + " o'clock";
      }
    } else if (*minutes < 10) {
      words = hw + " oh " + cardinal_words(*minutes, "en");
    } else {
      words = hw + " " + cardinal_words(*minutes, "en");
    }
    if (!meridiem.empty()) words += " " + std::string(meridiem);
    return Match{after - pos, words};
  }
  if (meridiem.empty()) {
    const std::size_t p = skip_spaces(s, after);
    for (std::string_view word : ctx.pack.time_suffix_words) {
      if (p - after <= 1 && starts_with(s, p, word) && at_word_end(s, p + word.size())) {
        after = p + word.size();
        break;
      }
    }
  }
  unsigned hour = *h;
  if (meridiem == "p m" && hour < 12) hour += 12;
  if (meridiem == "a m" && hour == 12) hour = 0;
  const LanguagePack& pack = ctx.pack;
  const std::string hw =
      pack.hour_words ? pack.hour_words(hour) : cardinal_words(hour, ctx.language, pack.hour_gender);
  std::string t(minutes && *minutes ? pack.time_hm : pack.time_h);
  t = replace_all(t, "{hn}", noun_form(pack.hour_noun, pack, hour));
  t = replace_all(t, "{h}", hw);
  if (minutes) {
    t = replace_all(t, "{mn}", noun_form(pack.minute_noun, pack, *minutes));
    t = replace_all(t, "{m}", cardinal_words(*minutes, ctx.language, pack.minute_gender));
  }
  return Match{after - pos, t};
}

}  // namespace chorus::normalize
