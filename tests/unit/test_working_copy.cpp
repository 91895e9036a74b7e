// Atomic replacement through a working copy (sim/io/working_copy.hpp).
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/errors.hpp"
#include "io/working_copy.hpp"

namespace fs = std::filesystem;
using namespace gigsim;

namespace {

fs::path fresh_directory(const std::string& name) {
  const fs::path path = fs::temp_directory_path() /
                        ("gigsim_test_working_copy_" + name + "_" + std::to_string(getpid()));
  fs::remove_all(path);
  fs::create_directories(path);
  return path;
}

std::string file_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

}  // namespace

TEST_CASE("The working copy is a hidden file beside the original", "[working_copy]") {
  CHECK(working_copy_path("results/run.h5") == fs::path("results/.run.h5.tmp"));
  CHECK(working_copy_path("run.h5") == fs::path(".run.h5.tmp"));
}

TEST_CASE("copy_file_contents copies every byte and the permission bits", "[working_copy]") {
  const fs::path dir = fresh_directory("copy");
  std::string text;
  // 3 MiB and a bit, with every byte value, so that a copy in pieces shows its seams.
  for (int i = 0; i < 3 * 1024 * 1024 + 17; ++i) text.push_back(static_cast<char>(i * 7 % 251));
  write_file(dir / "a", text);
  fs::permissions(dir / "a",
                  fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  write_file(dir / "b", "an older, longer or shorter file that must be replaced entirely");
  copy_file_contents(dir / "a", dir / "b");
  CHECK(file_text(dir / "b") == text);
  CHECK(fs::status(dir / "b").permissions() ==
        (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read));
  copy_file_contents(dir / "a", dir / "c");
  CHECK(file_text(dir / "c") == text);
  CHECK_THROWS_WITH(copy_file_contents(dir / "missing", dir / "d"),
                    Catch::Contains("cannot copy") && Catch::Contains("missing") &&
                        Catch::Contains("No such file or directory"));
  fs::remove_all(dir);
}

TEST_CASE("replace_with_copy swaps the file in one step and leaves no copy", "[working_copy]") {
  const fs::path dir = fresh_directory("replace");
  for (const Durability durability : {Durability::process_crash, Durability::power_loss}) {
    write_file(dir / "run.h5", "old");
    write_file(working_copy_path(dir / "run.h5"), "new");
    std::ifstream reader(dir / "run.h5");  // opened before: keeps the old file
    replace_with_copy(working_copy_path(dir / "run.h5"), dir / "run.h5", durability);
    CHECK(file_text(dir / "run.h5") == "new");
    CHECK_FALSE(fs::exists(working_copy_path(dir / "run.h5")));
    std::string seen;
    reader >> seen;
    CHECK(seen == "old");
  }
  CHECK_THROWS_WITH(replace_with_copy(dir / "absent", dir / "run.h5", Durability::process_crash),
                    Catch::Contains("cannot rename"));
  CHECK(file_text(dir / "run.h5") == "new");
  discard_working_copy(dir / "absent");  // no error for a copy that is not there
  fs::remove_all(dir);
}
