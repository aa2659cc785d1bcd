#pragma once
// SHA-256 through OpenSSL's EVP interface.
#include <filesystem>
#include <string>
#include <string_view>

namespace chorus {

std::string sha256_hex(std::string_view bytes);
// Hashes a file in pieces (model files are hundreds of MB). Throws std::runtime_error.
std::string sha256_file_hex(const std::filesystem::path& path);

}  // namespace chorus
