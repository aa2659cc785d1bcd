#include "engines/kokoro/kokoro_npz.h"

#include <array>
#include <bit>
#include <cstring>
#include <fstream>
#include <optional>

namespace chorus::kokoro {
namespace {

static_assert(std::endian::native == std::endian::little, "the .npz reader assumes little endian");

constexpr std::uint32_t kEocdSig = 0x06054b50;
constexpr std::uint32_t kZip64EocdSig = 0x06064b50;
constexpr std::uint32_t kZip64LocatorSig = 0x07064b50;
constexpr std::uint32_t kCentralSig = 0x02014b50;
constexpr std::uint32_t kLocalSig = 0x04034b50;

// Bounds-checked little-endian reads: every offset in a ZIP comes from the file itself.
class Reader {
 public:
  Reader(std::span<const std::uint8_t> bytes, const std::string& what) : b_(bytes), what_(what) {}
  template <typename T>
  T get(std::uint64_t offset) const {
    if (offset > b_.size() || b_.size() - offset < sizeof(T)) fail("truncated (read past the end)");
    T value;
    std::memcpy(&value, b_.data() + offset, sizeof(T));
    return value;
  }
  std::span<const std::uint8_t> slice(std::uint64_t offset, std::uint64_t size) const {
    if (offset > b_.size() || b_.size() - offset < size) fail("truncated (member data past the end)");
    return b_.subspan(offset, size);
  }
  std::size_t size() const { return b_.size(); }
  [[noreturn]] void fail(const std::string& why) const {
    throw NpzError(what_ + ": not a valid NumPy .npz archive: " + why);
  }

 private:
  std::span<const std::uint8_t> b_;
  const std::string& what_;
};

std::uint32_t crc32(std::span<const std::uint8_t> data) {
  static const std::array<std::uint32_t, 256> table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
      std::uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  std::uint32_t crc = 0xFFFFFFFFu;
  for (std::uint8_t byte : data) crc = table[(crc ^ byte) & 0xFF] ^ (crc >> 8);
  return crc ^ 0xFFFFFFFFu;
}

struct Directory {
  std::uint64_t entries = 0;
  std::uint64_t offset = 0;
  std::uint64_t size = 0;
};

Directory find_directory(const Reader& r) {
  // The end record is 22 bytes plus a comment of at most 65535 bytes.
  if (r.size() < 22) r.fail("file too small (" + std::to_string(r.size()) + " bytes)");
  std::optional<std::uint64_t> eocd;
  const std::uint64_t lowest = r.size() > 22 + 65535 ? r.size() - 22 - 65535 : 0;
  for (std::uint64_t pos = r.size() - 22;; --pos) {
    if (r.get<std::uint32_t>(pos) == kEocdSig) { eocd = pos; break; }
    if (pos == lowest) break;
  }
  if (!eocd) r.fail("no end-of-central-directory record");
  Directory dir;
  dir.entries = r.get<std::uint16_t>(*eocd + 10);
  dir.size = r.get<std::uint32_t>(*eocd + 12);
  dir.offset = r.get<std::uint32_t>(*eocd + 16);
  // ZIP64: a locator just before the end record points at the 64-bit end record.
  if (*eocd >= 20 && r.get<std::uint32_t>(*eocd - 20) == kZip64LocatorSig) {
    const auto z64 = r.get<std::uint64_t>(*eocd - 20 + 8);
    if (r.get<std::uint32_t>(z64) != kZip64EocdSig) r.fail("ZIP64 locator points at no ZIP64 record");
    dir.entries = r.get<std::uint64_t>(z64 + 32);
    dir.size = r.get<std::uint64_t>(z64 + 40);
    dir.offset = r.get<std::uint64_t>(z64 + 48);
  }
  if (dir.offset > r.size() || r.size() - dir.offset < dir.size) r.fail("central directory past the end");
  return dir;
}

struct Member {
  std::string name;
  std::uint16_t method = 0;
  std::uint32_t crc = 0;
  std::uint64_t compressed = 0;
  std::uint64_t uncompressed = 0;
  std::uint64_t local_offset = 0;
};

// Fields saturated at 0xFFFFFFFF in a central entry are given, in this order, by the ZIP64 extra.
void apply_zip64_extra(const Reader& r, std::uint64_t extra, std::uint64_t extra_len, Member& m) {
  std::uint64_t pos = extra;
  const std::uint64_t end = extra + extra_len;
  while (pos + 4 <= end) {
    const auto id = r.get<std::uint16_t>(pos);
    const auto len = r.get<std::uint16_t>(pos + 2);
    if (pos + 4 + len > end) r.fail("extra field of '" + m.name + "' overruns its entry");
    if (id == 0x0001) {
      std::uint64_t field = pos + 4;
      auto take = [&](std::uint64_t& value) {
        if (field + 8 > pos + 4 + len) r.fail("ZIP64 extra field of '" + m.name + "' is too short");
        value = r.get<std::uint64_t>(field);
        field += 8;
      };
      if (m.uncompressed == 0xFFFFFFFFu) take(m.uncompressed);
      if (m.compressed == 0xFFFFFFFFu) take(m.compressed);
      if (m.local_offset == 0xFFFFFFFFu) take(m.local_offset);
    }
    pos += 4 + len;
  }
}

std::string strip_npy(const std::string& name) {
  if (name.size() > 4 && name.compare(name.size() - 4, 4, ".npy") == 0) return name.substr(0, name.size() - 4);
  return name;
}

std::vector<std::size_t> parse_shape(const std::string& header, const std::string& what) {
  const auto key = header.find("'shape'");
  const auto open = header.find('(', key);
  const auto close = header.find(')', open);
  if (key == std::string::npos || open == std::string::npos || close == std::string::npos) {
    throw NpzError(what + ": .npy header has no shape");
  }
  std::vector<std::size_t> shape;
  std::size_t value = 0;
  bool digits = false;
  for (std::size_t i = open + 1; i <= close; ++i) {
    const char c = header[i];
    if (c >= '0' && c <= '9') {
      value = value * 10 + static_cast<std::size_t>(c - '0');
      digits = true;
      if (value > (std::size_t{1} << 40)) throw NpzError(what + ": .npy shape is implausibly large");
    } else if (c == ',' || c == ')') {
      if (digits) shape.push_back(value);
      value = 0;
      digits = false;
    } else if (c != ' ' && c != 'L') {
      throw NpzError(what + ": .npy shape is malformed");
    }
  }
  return shape;
}

}  // namespace

NpyArray parse_npy_float32(std::span<const std::uint8_t> bytes, const std::string& what) {
  static constexpr std::uint8_t kMagic[] = {0x93, 'N', 'U', 'M', 'P', 'Y'};
  if (bytes.size() < 10 || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0) {
    throw NpzError(what + ": not a .npy array (bad magic)");
  }
  const int major = bytes[6];
  std::size_t header_len = 0;
  std::size_t header_start = 0;
  if (major == 1) {
    header_len = bytes[8] | (std::size_t{bytes[9]} << 8);
    header_start = 10;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12) throw NpzError(what + ": truncated .npy header");
    header_len = bytes[8] | (std::size_t{bytes[9]} << 8) | (std::size_t{bytes[10]} << 16) |
                 (std::size_t{bytes[11]} << 24);
    header_start = 12;
  } else {
    throw NpzError(what + ": unsupported .npy format version " + std::to_string(major));
  }
  if (bytes.size() - header_start < header_len) throw NpzError(what + ": truncated .npy header");
  const std::string header(reinterpret_cast<const char*>(bytes.data() + header_start), header_len);
  if (header.find("'descr': '<f4'") == std::string::npos) {
    throw NpzError(what + ": .npy array is not little-endian float32 ('<f4'): " + header);
  }
  if (header.find("'fortran_order': False") == std::string::npos) {
    throw NpzError(what + ": .npy array is in Fortran order, expected C order");
  }
  NpyArray array;
  array.shape = parse_shape(header, what);
  std::size_t count = 1;
  for (std::size_t dim : array.shape) count *= dim;
  const std::size_t data_start = header_start + header_len;
  if ((bytes.size() - data_start) != count * sizeof(float)) {
    throw NpzError(what + ": .npy data has " + std::to_string(bytes.size() - data_start) +
                   " bytes, shape needs " + std::to_string(count * sizeof(float)));
  }
  array.data.resize(count);
  if (count) std::memcpy(array.data.data(), bytes.data() + data_start, count * sizeof(float));
  return array;
}

std::map<std::string, NpyArray> parse_npz_float32(std::span<const std::uint8_t> bytes,
                                                  const std::string& what) {
  const Reader r(bytes, what);
  const Directory dir = find_directory(r);
  std::map<std::string, NpyArray> arrays;
  std::uint64_t pos = dir.offset;
  for (std::uint64_t i = 0; i < dir.entries; ++i) {
    if (r.get<std::uint32_t>(pos) != kCentralSig) r.fail("corrupt central directory entry " + std::to_string(i));
    Member m;
    m.method = r.get<std::uint16_t>(pos + 10);
    m.crc = r.get<std::uint32_t>(pos + 16);
    m.compressed = r.get<std::uint32_t>(pos + 20);
    m.uncompressed = r.get<std::uint32_t>(pos + 24);
    const auto name_len = r.get<std::uint16_t>(pos + 28);
    const auto extra_len = r.get<std::uint16_t>(pos + 30);
    const auto comment_len = r.get<std::uint16_t>(pos + 32);
    m.local_offset = r.get<std::uint32_t>(pos + 42);
    const auto name = r.slice(pos + 46, name_len);
    m.name.assign(name.begin(), name.end());
    apply_zip64_extra(r, pos + 46 + name_len, extra_len, m);
    pos += 46ull + name_len + extra_len + comment_len;

    if (m.method != 0) {
      r.fail("member '" + m.name + "' is compressed (method " + std::to_string(m.method) +
             "); save voices with np.savez, not np.savez_compressed");
    }
    if (m.compressed != m.uncompressed) r.fail("stored member '" + m.name + "' has mismatched sizes");
    if (r.get<std::uint32_t>(m.local_offset) != kLocalSig) r.fail("bad local header for '" + m.name + "'");
    const auto local_name = r.get<std::uint16_t>(m.local_offset + 26);
    const auto local_extra = r.get<std::uint16_t>(m.local_offset + 28);
    const auto data = r.slice(m.local_offset + 30 + local_name + local_extra, m.compressed);
    if (crc32(data) != m.crc) r.fail("CRC mismatch in member '" + m.name + "' (file corrupt)");
    arrays.emplace(strip_npy(m.name), parse_npy_float32(data, what + ":" + m.name));
  }
  if (arrays.empty()) r.fail("archive has no members");
  return arrays;
}

std::map<std::string, NpyArray> read_npz_float32(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw NpzError(path + ": cannot open");
  const std::streamsize size = in.tellg();
  if (size < 0) throw NpzError(path + ": cannot read size");
  std::vector<std::uint8_t> bytes(static_cast<std::size_t>(size));
  in.seekg(0);
  if (size > 0 && !in.read(reinterpret_cast<char*>(bytes.data()), size)) throw NpzError(path + ": read error");
  return parse_npz_float32(bytes, path);
}

}  // namespace chorus::kokoro
