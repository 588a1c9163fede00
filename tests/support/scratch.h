// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

// Temporary files for tests: every test gets its own, and they are gone afterwards.
namespace quire::test {

inline std::string unique_suffix() {
    static std::atomic<unsigned> counter{0};
    std::random_device random;
    std::ostringstream s;
    s << std::hex << random() << "-" << std::chrono::steady_clock::now().time_since_epoch().count()
      << "-" << counter++;
    return s.str();
}

// A unique folder in the temporary directory, removed with everything in it (projects'
// -wal and -shm included) when it goes out of scope.
class ScratchDir {
public:
    ScratchDir()
        : dir_(std::filesystem::temp_directory_path() / ("quire-test-" + unique_suffix())) {
        std::filesystem::create_directories(dir_);
    }
    ~ScratchDir() {
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;

    const std::filesystem::path& dir() const { return dir_; }
    std::string path(const std::string& name) const { return (dir_ / name).string(); }

    // Writes `bytes` to `name` (creating folders) and returns the full path.
    std::string write(const std::string& name, const std::string& bytes) const {
        const std::filesystem::path p = dir_ / name;
        std::filesystem::create_directories(p.parent_path());
        std::ofstream out(p, std::ios::binary);
        out << bytes;
        return p.string();
    }
    std::string read(const std::string& name) const {
        std::ifstream in(dir_ / name, std::ios::binary);
        std::ostringstream s;
        s << in.rdbuf();
        return s.str();
    }
    // File names in the folder, sorted.
    std::vector<std::string> entries() const {
        std::vector<std::string> out;
        for (const auto& e : std::filesystem::directory_iterator(dir_)) {
            out.push_back(e.path().filename().string());
        }
        std::sort(out.begin(), out.end());
        return out;
    }

private:
    std::filesystem::path dir_;
};

// A project file path in its own scratch folder. Declare it before the Project that uses
// it, so that the project is closed before the folder is removed.
class TempProjectPath {
public:
    const std::string& str() const { return path_; }

private:
    ScratchDir dir_;
    std::string path_ = dir_.path("project.quire");
};

}  // namespace quire::test
