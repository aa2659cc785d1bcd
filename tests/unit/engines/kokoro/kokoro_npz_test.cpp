#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "engines/kokoro/kokoro_npz.h"
#include "engines/kokoro/kokoro_voices.h"
#include "kokoro_test_fixtures.h"

namespace chorus::kokoro {
namespace {

using testing::fixture_dir;
using testing::fixture_style;
using testing::voice_number;

std::vector<std::uint8_t> read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

void expect_fixture_voices(const VoiceTable& table) {
  EXPECT_EQ(table.names().size(), 16u);
  EXPECT_EQ(table.rows(), 510u);
  const auto style = table.style(VoiceBlend{{{"bf_emma", 1.0f}}}, 37);
  ASSERT_EQ(style.size(), 256u);
  for (int k : {0, 1, 128, 255}) EXPECT_EQ(style[k], fixture_style(voice_number("bf_emma"), 37, k)) << k;
}

TEST(KokoroNpz, ReadsWhatNumpySavezWrites) {
  expect_fixture_voices(VoiceTable::load(fixture_dir() + "/taylorchu/kokoro/voices-v1.0.bin"));
}

TEST(KokoroNpz, ReadsFullZip64Archive) {
  expect_fixture_voices(VoiceTable::load(fixture_dir() + "/voices-zip64.bin"));
}

TEST(KokoroNpz, RejectsCompressedMembers) {
  try {
    VoiceTable::load(fixture_dir() + "/voices-compressed.bin");
    FAIL() << "expected NpzError";
  } catch (const NpzError& e) {
    EXPECT_NE(std::string(e.what()).find("compressed"), std::string::npos) << e.what();
  }
}

TEST(KokoroNpz, RejectsWrongShapeAndType) {
  try {
    VoiceTable::load(fixture_dir() + "/voices-badshape.bin");
    FAIL();
  } catch (const NpzError& e) {
    EXPECT_NE(std::string(e.what()).find("shape (510, 3)"), std::string::npos) << e.what();
  }
  try {
    VoiceTable::load(fixture_dir() + "/voices-float64.bin");
    FAIL();
  } catch (const NpzError& e) {
    EXPECT_NE(std::string(e.what()).find("float32"), std::string::npos) << e.what();
  }
}

TEST(KokoroNpz, RejectsMissingTruncatedAndCorruptFiles) {
  EXPECT_THROW(read_npz_float32(fixture_dir() + "/does-not-exist.bin"), NpzError);
  auto bytes = read_all(fixture_dir() + "/taylorchu/kokoro/voices-v1.0.bin");
  ASSERT_GT(bytes.size(), 100000u);
  // Garbage, empty, cut in half, one flipped data byte: all errors, never a crash.
  EXPECT_THROW(parse_npz_float32(std::vector<std::uint8_t>(1000, 0x41), "garbage"), NpzError);
  EXPECT_THROW(parse_npz_float32({}, "empty"), NpzError);
  EXPECT_THROW(parse_npz_float32(std::span(bytes).first(bytes.size() / 2), "half"), NpzError);
  auto flipped = bytes;
  flipped[5000] ^= 0xFF;
  try {
    parse_npz_float32(flipped, "flipped");
    FAIL();
  } catch (const NpzError& e) {
    EXPECT_NE(std::string(e.what()).find("CRC"), std::string::npos) << e.what();
  }
  // Every truncation point fails cleanly (coarse stride keeps it quick).
  for (std::size_t cut = 0; cut < bytes.size(); cut += 104729) {
    EXPECT_THROW(parse_npz_float32(std::span(bytes).first(cut), "cut"), NpzError) << cut;
  }
}

TEST(KokoroNpz, ParsesNpyHeaders) {
  // A hand-made v1.0 .npy: 2 floats, shape (2,).
  std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }";
  header.resize(128 - 10 - 1, ' ');
  header.push_back('\n');
  const std::uint8_t preamble[] = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0,
                                   static_cast<std::uint8_t>(header.size()), 0};
  const float values[2] = {1.5f, -2.0f};
  const auto* p = reinterpret_cast<const std::uint8_t*>(values);
  std::vector<std::uint8_t> npy;
  npy.reserve(sizeof preamble + header.size() + sizeof values);
  npy.insert(npy.end(), std::begin(preamble), std::end(preamble));
  npy.insert(npy.end(), header.begin(), header.end());
  npy.insert(npy.end(), p, p + sizeof values);
  const NpyArray a = parse_npy_float32(npy, "hand-made");
  EXPECT_EQ(a.shape, std::vector<std::size_t>{2});
  EXPECT_EQ(a.data, (std::vector<float>{1.5f, -2.0f}));
  npy.pop_back();
  EXPECT_THROW(parse_npy_float32(npy, "short"), NpzError);
}

}  // namespace
}  // namespace chorus::kokoro
