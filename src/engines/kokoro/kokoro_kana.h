#pragma once
// Japanese kana -> Kokoro phonemes, in the romanization Kokoro-82M's Japanese voices were trained
// on (misaki's cutlet-derived table): IPA per mora, palatalized consonants with ʲ, ʔ for the
// small tsu (sokuon), ː for the long-vowel mark, and ん assimilated to the sound after it.
#include <string>
#include <string_view>

namespace chorus::kokoro {

// Katakana (U+30A1..U+30F6) to hiragana; other code points unchanged.
char32_t katakana_to_hiragana(char32_t c);
std::u32string katakana_to_hiragana(std::u32string_view text);

// Phonemes of one word's reading (hiragana or katakana, as MeCab's pronunciation field gives
// it). Kana with no mapping are dropped; Japanese punctuation maps to Kokoro's marks.
std::string kana_to_phonemes(std::u32string_view kana);

// Kokoro's mark for a Japanese or ASCII punctuation character ("。" -> "."), or empty.
std::string japanese_mark(char32_t c);

}  // namespace chorus::kokoro
