// Reading scenario files is bounded: only regular files, at most 4 MiB, at most 32 levels of
// extends, and every read error is an error (nothing falls back to the defaults).
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/errors.hpp"
#include "scenario/scenario.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

namespace fs = std::filesystem;

/// A fresh directory for one test case's files.
fs::path scratch_directory(const std::string& name) {
  const fs::path directory = fs::temp_directory_path() /
                             ("gigsim_scenario_files_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(directory);
  fs::create_directories(directory);
  return directory;
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream file(path, std::ios::binary);
  file << text;
  REQUIRE(file.good());
}

std::string load_error(const fs::path& path) {
  try {
    gigsim::load_scenario_file(path);
  } catch (const gigsim::InputError& error) {
    return error.what();
  }
  FAIL("expected an InputError loading " << path);
  return {};
}

}  // namespace

TEST_CASE("only regular files are read", "[scenario][files]") {
  CHECK(load_error("/dev/zero") ==
        "cannot read scenario file '/dev/zero': not a regular file (a character device)");

  // A FIFO with no writer: opening it must not wait for one.
  const fs::path directory = scratch_directory("fifo");
  const fs::path fifo = directory / "pipe.toml";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK(load_error(fifo) ==
        "cannot read scenario file '" + fifo.string() + "': not a regular file (a FIFO)");

  CHECK(load_error(directory) ==
        "cannot read scenario file '" + directory.string() + "': Is a directory");

  // extends names the file that names the bad one.
  const fs::path extender = directory / "extends_zero.toml";
  write_file(extender, "# extends a device\nextends = \"/dev/zero\"\n");
  CHECK(load_error(extender) == extender.string() +
                                    ":2:11: cannot read scenario file '/dev/zero': not a regular "
                                    "file (a character device) (named by extends)");
  fs::remove_all(directory);
}

TEST_CASE("a read error is an error, not an empty scenario", "[scenario][files]") {
  // /proc/self/mem is a regular file whose reads at offset 0 fail with EIO.
  CHECK(load_error("/proc/self/mem") ==
        "cannot read scenario file '/proc/self/mem': Input/output error");
}

TEST_CASE("a scenario is at most 4 MiB", "[scenario][files]") {
  const fs::path directory = scratch_directory("size");
  const std::string line = "# " + std::string(1021, '-') + "\n";  // 1 KiB of comment
  std::string text;
  for (int i = 0; i < 4096; ++i) text += line;  // exactly 4 MiB: accepted
  write_file(directory / "limit.toml", text);
  CHECK_NOTHROW(gigsim::load_scenario_file(directory / "limit.toml"));

  write_file(directory / "over.toml", text + "\n");  // one byte more
  CHECK(load_error(directory / "over.toml") ==
        "cannot read scenario file '" + (directory / "over.toml").string() +
            "': larger than 4 MiB, the limit for a scenario");
  CHECK_THROWS_WITH(gigsim::load_scenario_text(text + "\n", "text.toml"),
                    "text.toml: larger than 4 MiB, the limit for a scenario");
  fs::remove_all(directory);
}

TEST_CASE("extends is followed at most 32 levels deep", "[scenario][files][extends]") {
  // level0.toml extends level1.toml ... extends levelN.toml (which sets run.weeks).
  const fs::path directory = scratch_directory("depth");
  const auto write_chain = [&](int files) {
    for (int i = 0; i < files - 1; ++i) {
      write_file(directory / ("level" + std::to_string(i) + ".toml"),
                 "extends = \"level" + std::to_string(i + 1) + ".toml\"\n");
    }
    write_file(directory / ("level" + std::to_string(files - 1) + ".toml"), "run.weeks = 77\n");
  };
  write_chain(33);  // 32 extends: the limit
  CHECK(gigsim::load_scenario_file(directory / "level0.toml").params.run.weeks == 77);

  write_chain(40);  // level32.toml would follow a 33rd extends
  const auto level = [&](int i) {
    return (directory / ("level" + std::to_string(i) + ".toml")).string();
  };
  CHECK(load_error(directory / "level0.toml") ==
        level(32) + ":1:11: extends chain longer than 32 files: " + level(0) + " -> " + level(1) +
            " -> ... -> " + level(32) + " -> " + level(33));
  fs::remove_all(directory);
}
