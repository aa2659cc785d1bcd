#pragma once
// A small reader for NumPy .npz archives as np.savez writes them: a ZIP of STORED (uncompressed)
// members "<name>.npy", each with ZIP64 extra fields, holding little-endian float32 arrays.
// Enough for Kokoro's voices file; anything else is rejected with a message naming the problem.
#include <cstddef>
#include <cstdint>
#include <map>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace chorus::kokoro {

class NpzError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct NpyArray {
  std::vector<std::size_t> shape;
  std::vector<float> data;  // C order
};

// Parses one .npy (format 1.x, 2.x or 3.x) holding '<f4' data in C order. `what` names the
// array in error messages.
NpyArray parse_npy_float32(std::span<const std::uint8_t> bytes, const std::string& what);

// Reads every member of the archive, keyed by member name without the ".npy" suffix.
// Throws NpzError on I/O errors, truncated or malformed archives, compressed members, CRC
// mismatches and non-float32 arrays.
std::map<std::string, NpyArray> read_npz_float32(const std::string& path);
std::map<std::string, NpyArray> parse_npz_float32(std::span<const std::uint8_t> bytes,
                                                  const std::string& what);

}  // namespace chorus::kokoro
