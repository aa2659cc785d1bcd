// Reading the payload from soft bits: exact reads whatever the hour, the few weakest bits
// corrected, and the checks that keep a correction from becoming a wrong payload (bits
// strong enough that the bits not searched are right, an hour a mark can carry, the first
// correction passing the CRC or none).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <random>
#include <vector>

#include "audio/watermark/payload_correction.h"
#include "audio/watermark/watermark_payload.h"

namespace chorus::audio::watermark {
namespace {

// 2026-12-07T03:00Z and a window ending a day later.
constexpr std::uint32_t kNowHour = 499059;
const HourWindow kWindow{kFirstMarkHour, kNowHour + kClockSkewHours};
const Payload kMark{77, kNowHour};

// Every bit at `strength` with its sign (1 -> +), as a clean mark reads.
SoftBits soft_for(const Payload& payload, double strength) {
  const CodedBits bits = encode_payload(payload);
  SoftBits soft{};
  for (std::size_t i = 0; i < kCodedBits; ++i) soft[i] = bits[i] ? strength : -strength;
  return soft;
}

TEST(PayloadCorrection, ExactBitsReadWhateverTheirHour) {
  const auto read = decode_soft(soft_for(kMark, 2.0), kWindow);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->payload, kMark);
  EXPECT_EQ(read->corrected_bits, 0);
  const Payload old{5, 1000};  // 1970: no chorus then, but a CRC that matches is a reading
  const auto exact = decode_soft(soft_for(old, 0.5), kWindow);
  ASSERT_TRUE(exact);
  EXPECT_EQ(exact->payload, old);
}

TEST(PayloadCorrection, TheWeakestWrongBitsAreCorrected) {
  for (const std::vector<std::size_t>& wrong :
       {std::vector<std::size_t>{3}, {0, 47}, {10, 20, 30}, {1, 2, 33, 40, 41}}) {
    SoftBits soft = soft_for(kMark, 2.0);
    for (std::size_t i : wrong) soft[i] = -0.2 * soft[i];  // the wrong sign, barely
    const auto read = decode_soft(soft, kWindow);
    ASSERT_TRUE(read) << wrong.size() << " wrong bits";
    EXPECT_EQ(read->payload, kMark);
    EXPECT_EQ(read->corrected_bits, static_cast<int>(wrong.size()));
  }
}

TEST(PayloadCorrection, AStronglyWrongBitIsNotSearchedFor) {
  // Nine weak bits, all right, and one confidently wrong: the search flips only the eight
  // weakest, none of which is the error.
  SoftBits soft = soft_for(kMark, 2.0);
  for (std::size_t i = 0; i < 9; ++i) soft[i] *= 0.1;
  soft[20] = -soft[20];
  EXPECT_FALSE(decode_soft(soft, kWindow));
}

TEST(PayloadCorrection, WeakBitsAreNotCorrected) {
  // The same single weak error, but the other bits as weak as unmarked audio's (or a little
  // stronger): one of the 40 not searched may as well be wrong, so no correction.
  for (double weak : {0.9, 1.3}) {
    SoftBits soft = soft_for(kMark, weak);
    soft[5] = -0.1 * soft[5];
    EXPECT_FALSE(decode_soft(soft, kWindow)) << weak;
  }
  SoftBits strong = soft_for(kMark, 1.8);
  strong[5] = -0.1 * strong[5];
  EXPECT_TRUE(decode_soft(strong, kWindow));
}

TEST(PayloadCorrection, ACorrectionMustCarryAPossibleHour) {
  for (const std::uint32_t hour : {std::uint32_t{1000}, kFirstMarkHour - 1, kNowHour + kClockSkewHours + 1}) {
    SoftBits soft = soft_for(Payload{77, hour}, 2.0);
    soft[7] = -0.1 * soft[7];
    EXPECT_FALSE(decode_soft(soft, kWindow)) << "hour " << hour;
  }
  SoftBits soft = soft_for(Payload{77, kFirstMarkHour}, 2.0);
  soft[7] = -0.1 * soft[7];
  EXPECT_TRUE(decode_soft(soft, kWindow));
}

TEST(PayloadCorrection, HourWindowsWrapAndFollowTheClock) {
  const HourWindow wrapping{(1u << kHourBits) - 10, 5};
  EXPECT_TRUE(wrapping.contains((1u << kHourBits) - 1));
  EXPECT_TRUE(wrapping.contains(0));
  EXPECT_TRUE(wrapping.contains(5));
  EXPECT_FALSE(wrapping.contains(6));
  EXPECT_FALSE(wrapping.contains((1u << kHourBits) - 11));
  const HourWindow now = marks_possible_at(std::int64_t{kNowHour} * 3600 + 1800);
  EXPECT_EQ(now.first, kFirstMarkHour);
  EXPECT_EQ(now.last, kNowHour + kClockSkewHours);
}

// Unmarked audio reads as N(0,1) soft bits: no correction may turn them into a payload. (An
// exact CRC match happens once in 65,536 reads, as without correction; at most 8 reads are made
// per file, each only after a strong sync.)
TEST(PayloadCorrection, NoiseIsNeverCorrectedIntoAPayload) {
  std::mt19937 random(5);
  std::normal_distribution<double> gauss(0.0, 1.0);
  int corrected = 0;
  for (int trial = 0; trial < 20000; ++trial) {
    SoftBits soft;
    for (auto& z : soft) z = gauss(random);
    const auto read = decode_soft(soft, kWindow);
    if (read && read->corrected_bits > 0) ++corrected;
  }
  EXPECT_EQ(corrected, 0);
}

// Bits as damaged marks give them (each at a strength z between 0.9 and 2.0, plus N(0,1)):
// correction reads several times as many payloads, and a wrong payload stays rare. The figures
// are the ones docs/watermark.md quotes.
TEST(PayloadCorrection, DamagedBitsAreRarelyReadAsAnotherPayload) {
  std::mt19937 random(2);
  std::normal_distribution<double> gauss(0.0, 1.0);
  std::uniform_real_distribution<double> strength(0.9, 2.0);
  std::uniform_int_distribution<std::uint32_t> server(0, kMaxServerId);
  constexpr int kTrials = 6000;
  int exact_right = 0, exact_wrong = 0, right = 0, wrong = 0;
  for (int trial = 0; trial < kTrials; ++trial) {
    const Payload mark{server(random), kNowHour};
    SoftBits soft = soft_for(mark, strength(random));
    for (auto& z : soft) z += gauss(random);
    CodedBits hard{};
    for (std::size_t i = 0; i < kCodedBits; ++i) hard[i] = soft[i] > 0.0 ? 1 : 0;
    if (const auto exact = decode_payload(hard)) (*exact == mark ? exact_right : exact_wrong)++;
    if (const auto read = decode_soft(soft, kWindow)) (read->payload == mark ? right : wrong)++;
  }
  std::printf("of %d damaged marks: exact reading %d right, %d wrong; with correction %d right, %d wrong\n",
              kTrials, exact_right, exact_wrong, right, wrong);
  EXPECT_GE(right, 4 * exact_right);
  EXPECT_LE(wrong, (right + wrong) / 500);  // at most 0.2% of readings
}

TEST(PayloadCorrection, NonFiniteSoftBitsAreUnreliable) {
  SoftBits soft = soft_for(kMark, 2.0);
  soft[4] = std::numeric_limits<double>::quiet_NaN();  // reads as 0 and as the least reliable
  const auto read = decode_soft(soft, kWindow);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->payload, kMark);
  EXPECT_LE(read->corrected_bits, 1);
}

}  // namespace
}  // namespace chorus::audio::watermark
