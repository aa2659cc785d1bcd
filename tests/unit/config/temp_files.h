#pragma once
// Files the config tests write: one directory per test process, removed when the process exits
// (each test runs in its own process under ctest, so nothing is left in the temp directory).
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace chorus::testing {

inline std::filesystem::path temp_files_dir() {
  return std::filesystem::temp_directory_path() /
         ("chorus-config-tests-" + std::to_string(::getpid()));
}

// Writes `text` to `name` in this process's directory and returns the file's path.
inline std::string write_temp_file(const std::string& name, const std::string& text) {
  static const bool created = [] {
    std::filesystem::create_directories(temp_files_dir());
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(temp_files_dir(), ec);
    });
    return true;
  }();
  (void)created;
  const auto path = temp_files_dir() / name;
  std::ofstream(path) << text;
  return path.string();
}

}  // namespace chorus::testing
