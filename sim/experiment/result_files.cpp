// Reading back result files for resume; see result_files.hpp.
#include "experiment/result_files.hpp"

#include <hdf5.h>

#include <optional>
#include <system_error>

#include "io/hdf5_handles.hpp"
#include "io/run_file.hpp"

namespace gigsim {
namespace {

std::optional<std::string> root_string_attribute(hid_t file, const char* name) {
  if (H5Aexists(file, name) <= 0) return std::nullopt;
  const hdf5::Attribute attribute(H5Aopen(file, name, H5P_DEFAULT));
  const hdf5::Datatype type(H5Aget_type(attribute.get()));
  if (!attribute.valid() || !type.valid() || H5Tget_class(type.get()) != H5T_STRING) {
    return std::nullopt;
  }
  const hdf5::Datatype memory(H5Tget_native_type(type.get(), H5T_DIR_ASCEND));
  if (H5Tis_variable_str(type.get()) > 0) {
    char* text = nullptr;
    if (H5Aread(attribute.get(), memory.get(), &text) < 0) return std::nullopt;
    std::string value = text != nullptr ? text : "";
    H5free_memory(text);
    return value;
  }
  std::string value(H5Tget_size(type.get()), '\0');
  if (H5Aread(attribute.get(), memory.get(), value.data()) < 0) return std::nullopt;
  return value.substr(0, value.find('\0'));
}

}  // namespace

std::uint64_t text_fingerprint(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

FoundRun inspect_result_file(const std::filesystem::path& path) {
  FoundRun found;
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) return found;
  if (read_run_status(path) != run_status_name(RunStatus::complete)) return found;
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  const hdf5::File file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
  if (!file.valid()) return found;
  const std::optional<std::string> scenario = root_string_attribute(file.get(), "scenario");
  if (!scenario) return found;
  found.complete = true;
  found.scenario_print = text_fingerprint(*scenario);
  return found;
}

}  // namespace gigsim
