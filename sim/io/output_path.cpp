// Checks on the output path; see output_path.hpp.
#include "io/output_path.hpp"

#include <linux/magic.h>
#include <sys/statfs.h>
#include <unistd.h>

#include <string>
#include <system_error>

#include "core/errors.hpp"

namespace gigsim {
namespace {

namespace fs = std::filesystem;

std::string quoted(const fs::path& path) { return "'" + path.string() + "'"; }

/// Kernel file systems that show directories but cannot hold a regular file; creating one
/// there fails with errors (ENOENT in /proc) that would not explain the problem.
const char* virtual_file_system_name(const fs::path& directory) {
  struct statfs info {};
  if (statfs(directory.c_str(), &info) != 0) return nullptr;
  switch (static_cast<unsigned long>(info.f_type)) {
    case PROC_SUPER_MAGIC:
      return "proc";
    case SYSFS_MAGIC:
      return "sysfs";
    case CGROUP_SUPER_MAGIC:
    case CGROUP2_SUPER_MAGIC:
      return "cgroup";
    case DEBUGFS_MAGIC:
      return "debugfs";
    default:
      return nullptr;
  }
}

/// The directory that will hold `file`: it, or its nearest existing ancestor (the rest is
/// created later), must be a writable directory on a real file system.
void check_directory(const fs::path& file) {
  const fs::path directory = file.has_parent_path() ? file.parent_path() : fs::path(".");
  fs::path existing = directory;
  std::error_code error;
  while (!fs::exists(existing, error) && existing.has_parent_path() &&
         existing.parent_path() != existing) {
    existing = existing.parent_path();
  }
  if (!fs::is_directory(existing, error)) {
    throw InputError("cannot write output file " + quoted(file) + ": " + quoted(existing) +
                     (fs::exists(existing, error) ? " is not a directory" : " does not exist"));
  }
  if (const char* file_system = virtual_file_system_name(existing)) {
    throw InputError("cannot write output file " + quoted(file) + ": " + quoted(existing) +
                     " is on the kernel's " + file_system +
                     " file system, which cannot hold files; choose a directory on a disk");
  }
  if (access(existing.c_str(), W_OK) != 0) {
    throw InputError("cannot write output file " + quoted(file) + ": directory " +
                     quoted(existing) + " is not writable");
  }
}

}  // namespace

fs::path resolve_output_path(const fs::path& requested) {
  if (requested.empty()) {
    throw InputError("the output path is empty; give a file name such as run.h5");
  }
  if (!requested.has_filename() || requested.filename() == "." || requested.filename() == "..") {
    throw InputError("output path " + quoted(requested) +
                     " names a directory; give a file name, e.g. " + quoted(requested / "run.h5"));
  }

  std::error_code error;
  fs::path file = requested;
  const fs::file_status link = fs::symlink_status(requested, error);
  if (fs::is_symlink(link)) {
    const fs::path target = fs::read_symlink(requested, error);
    if (!fs::exists(requested, error)) {
      throw InputError("output path " + quoted(requested) + " is a symbolic link to " +
                       quoted(target) +
                       ", which does not exist; remove the link or give another path");
    }
    file = fs::canonical(requested, error);
    if (error) {
      throw InputError("cannot follow the symbolic link " + quoted(requested) + ": " +
                       error.message());
    }
  }

  const fs::file_status status = fs::status(file, error);
  if (fs::is_directory(status)) {
    throw InputError("output path " + quoted(requested) +
                     " is a directory; give a file name inside it, e.g. " +
                     quoted(requested / "run.h5"));
  }
  check_directory(file);
  if (!fs::exists(status)) return file;
  if (!fs::is_regular_file(status)) {
    throw InputError("output path " + quoted(requested) + " exists and is not a regular file");
  }
  if (access(file.c_str(), W_OK) != 0) {
    throw InputError("output file " + quoted(requested) + " exists and is not writable");
  }
  return file;
}

void create_output_directories(const fs::path& file) {
  if (!file.has_parent_path()) return;
  const fs::path directory = file.parent_path();
  std::error_code error;
  if (fs::is_directory(directory, error)) return;
  fs::create_directories(directory, error);
  if (error) {
    throw InputError("cannot create directory " + quoted(directory) + " for output file " +
                     quoted(file) + ": " + error.message());
  }
}

}  // namespace gigsim
