#include "text/emoji_names.h"

#include <array>
#include <utility>

namespace chorus {

namespace {

// Unicode CLDR short names, shortened where the long form reads badly.
constexpr std::array<std::pair<char32_t, std::string_view>, 64> kEmojiNames{{
    {0x1F600, "grinning face"},     {0x1F601, "beaming face"},       {0x1F602, "tears of joy"},
    {0x1F603, "smiling face"},      {0x1F604, "smiling face"},       {0x1F605, "sweat smile"},
    {0x1F606, "laughing"},          {0x1F609, "winking face"},       {0x1F60A, "smiling face"},
    {0x1F60D, "heart eyes"},        {0x1F618, "blowing a kiss"},     {0x1F61C, "winking tongue"},
    {0x1F60E, "cool"},              {0x1F610, "neutral face"},       {0x1F612, "unamused face"},
    {0x1F614, "pensive face"},      {0x1F622, "crying face"},        {0x1F62D, "sobbing"},
    {0x1F621, "angry face"},        {0x1F631, "screaming"},          {0x1F633, "flushed face"},
    {0x1F634, "sleeping"},          {0x1F642, "slight smile"},       {0x1F643, "upside down face"},
    {0x1F644, "eye roll"},          {0x1F914, "thinking face"},      {0x1F923, "rolling on the floor laughing"},
    {0x1F929, "star struck"},       {0x1F970, "smiling with hearts"}, {0x1F973, "party face"},
    {0x1F97A, "pleading face"},     {0x1F44D, "thumbs up"},          {0x1F44E, "thumbs down"},
    {0x1F44F, "clapping"},          {0x1F44B, "waving hand"},        {0x1F64F, "folded hands"},
    {0x1F64C, "raised hands"},      {0x1F4AA, "flexed biceps"},      {0x1F91D, "handshake"},
    {0x270C, "victory hand"},       {0x2764, "red heart"},           {0x1F494, "broken heart"},
    {0x1F495, "two hearts"},        {0x1F525, "fire"},               {0x2728, "sparkles"},
    {0x2B50, "star"},               {0x1F31F, "glowing star"},       {0x1F389, "party popper"},
    {0x1F38A, "confetti"},          {0x1F381, "gift"},               {0x1F382, "birthday cake"},
    {0x1F4AF, "hundred points"},    {0x2705, "check mark"},          {0x274C, "cross mark"},
    {0x26A0, "warning"},            {0x1F680, "rocket"},             {0x1F440, "eyes"},
    {0x1F4A9, "pile of poo"},       {0x1F47B, "ghost"},              {0x1F480, "skull"},
    {0x1F436, "dog"},               {0x1F431, "cat"},                {0x2600, "sun"},
    {0x1F308, "rainbow"},
}};

}  // namespace

std::string_view emoji_name(char32_t cp) {
  for (const auto& [code, name] : kEmojiNames) {
    if (code == cp) return name;
  }
  return {};
}

}  // namespace chorus
