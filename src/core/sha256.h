#pragma once
// SHA-256 (and MD5 for published manifests) through OpenSSL's EVP interface.
#include <filesystem>
#include <string>
#include <string_view>

namespace chorus {

std::string sha256_hex(std::string_view bytes);
// Hashes a file in pieces (model files are hundreds of MB). Throws std::runtime_error.
std::string sha256_file_hex(const std::filesystem::path& path);
// MD5 of a file, only to compare with manifests that publish MD5 (piper-voices' voices.json).
std::string md5_file_hex(const std::filesystem::path& path);

}  // namespace chorus
