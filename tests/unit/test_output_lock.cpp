// One writer per output path (sim/io/output_lock.hpp): the lock, its file and its reserve.
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "core/errors.hpp"
#include "io/output_lock.hpp"

namespace fs = std::filesystem;
using gigsim::InputError;
using gigsim::OutputLock;

namespace {

fs::path fresh_directory(const std::string& name) {
  const fs::path path = fs::temp_directory_path() /
                        ("gigsim_test_output_lock_" + name + "_" + std::to_string(getpid()));
  fs::remove_all(path);
  fs::create_directories(path);
  return path;
}

std::string file_text(const fs::path& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// Bytes the file system has allocated to `path`.
long long allocated_bytes(const fs::path& path) {
  struct stat info {};
  REQUIRE(stat(path.c_str(), &info) == 0);
  return static_cast<long long>(info.st_blocks) * 512;
}

}  // namespace

TEST_CASE("The lock file sits beside the output, names its holder and holds the reserve",
          "[output_lock]") {
  const fs::path dir = fresh_directory("file");
  const fs::path output = dir / "run.h5";
  CHECK(OutputLock::lock_path(output) == dir / ".run.h5.lock");
  {
    OutputLock lock(output);
    CHECK(lock.held());
    CHECK(file_text(OutputLock::lock_path(output)).rfind(std::to_string(getpid()) + "\n", 0) == 0);
    CHECK(allocated_bytes(OutputLock::lock_path(output)) >= OutputLock::kReserveBytes);
    lock.release_reserve();
    CHECK(allocated_bytes(OutputLock::lock_path(output)) < OutputLock::kReserveBytes);
    CHECK(file_text(OutputLock::lock_path(output)) == std::to_string(getpid()) + "\n");
    CHECK_FALSE(fs::exists(output));
  }
  CHECK_FALSE(fs::exists(OutputLock::lock_path(output)));
  fs::remove_all(dir);
}

TEST_CASE("A held lock refuses a second holder, in this process or another", "[output_lock]") {
  const fs::path dir = fresh_directory("refuse");
  const fs::path output = dir / "run.h5";
  OutputLock lock(output);
  CHECK_THROWS_AS(OutputLock(output), InputError);
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    int code = 1;
    try {
      OutputLock other(output);
    } catch (const InputError& error) {
      code = std::string(error.what()).find("process " + std::to_string(getppid())) !=
                     std::string::npos
                 ? 0
                 : 2;
    }
    _exit(code);
  }
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  lock.release();
  CHECK_NOTHROW(OutputLock(output));
  fs::remove_all(dir);
}

TEST_CASE("The lock of a process that died is free, though its file is still there",
          "[output_lock]") {
  const fs::path dir = fresh_directory("dead");
  const fs::path output = dir / "run.h5";
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    OutputLock lock(output);
    _exit(0);  // no destructor: as if killed
  }
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  REQUIRE(fs::exists(OutputLock::lock_path(output)));
  OutputLock lock(output);
  CHECK(file_text(OutputLock::lock_path(output)).rfind(std::to_string(getpid()), 0) == 0);
  fs::remove_all(dir);
}

TEST_CASE("Holders that come and go never overlap", "[output_lock]") {
  // Each holder removes the lock file before unlocking it; one that locked the removed file
  // must notice and start over, or two holders would overlap (one on the old file, one on a
  // new one). Four threads race for the lock many times; flock locks belong to open files, so
  // threads contend as processes do.
  const fs::path dir = fresh_directory("race");
  const fs::path output = dir / "run.h5";
  std::atomic<int> holders{0};
  std::atomic<int> overlaps{0};
  std::atomic<int> acquisitions{0};
  std::vector<std::thread> threads;
  // Race until enough acquisitions have happened (a loaded machine gives threads few turns) or
  // a generous time has passed.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; acquisitions.load() < 400 || i < 2000; ++i) {
        if (std::chrono::steady_clock::now() > deadline) break;
        try {
          OutputLock lock(output);
          if (holders.fetch_add(1) != 0) overlaps.fetch_add(1);
          acquisitions.fetch_add(1);
          std::this_thread::yield();
          holders.fetch_sub(1);
        } catch (const InputError&) {
          // Held by another thread right now: expected, try again.
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  CHECK(overlaps.load() == 0);
  CHECK(acquisitions.load() > 100);
  CHECK_FALSE(fs::exists(OutputLock::lock_path(output)));
  fs::remove_all(dir);
}
