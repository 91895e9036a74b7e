#pragma once
// A thin wrapper over the HDF5 C API: error checking that names the file and the operation,
// attributes, groups, growing (chunked) datasets, dimension scales and files. Nothing here
// knows the result file's layout (io/run_file.cpp does); identifiers are owned by the RAII
// handles of io/hdf5_handles.hpp, so an exception never leaves an HDF5 object open.
#include <hdf5.h>

#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "io/hdf5_handles.hpp"

namespace gigsim::hdf5 {

/// Turns HDF5 failures into RuntimeFailure naming the file and the operation. HDF5's own
/// printing of its error stack is switched off; the innermost message goes into ours instead.
class ErrorContext {
 public:
  explicit ErrorContext(std::filesystem::path file);

  hid_t check(hid_t id, const std::string& operation) const {
    if (id < 0) fail(operation);
    return id;
  }
  void check_status(herr_t status, const std::string& operation) const {
    if (status < 0) fail(operation);
  }
  [[noreturn]] void fail(const std::string& operation) const;

  const std::filesystem::path& file() const { return file_; }

 private:
  std::filesystem::path file_;
};

/// Stops HDF5 from printing its error stack to stderr (errors become exceptions instead).
void silence_error_printing();

/// Call first in main, before any other HDF5 call: see hdf5_interface.cpp.
void prepare_library();

// --- Attributes --------------------------------------------------------------------------------

/// Variable-length UTF-8 strings: h5py reads them as str, netCDF-4 readers as text.
Datatype utf8_string_type(const ErrorContext& errors);

/// Writes an attribute, creating it on first use. `count` 0 means a scalar.
void write_attribute(hid_t object, const char* name, hid_t file_type, hid_t memory_type,
                     const void* value, hsize_t count, const ErrorContext& errors);
void write_string_attribute(hid_t object, const char* name, const std::string& value,
                            const ErrorContext& errors);
void write_int64_attribute(hid_t object, const char* name, std::int64_t value,
                           const ErrorContext& errors);

/// Reads a scalar string attribute (variable- or fixed-length); nullopt if absent or not a
/// string. Used to probe files that may not be ours, so it never throws.
std::optional<std::string> read_string_attribute(hid_t object, const char* name);

/// The `units` and `description` attributes every dataset carries.
void describe(hid_t object, std::string_view unit, std::string_view description,
              const ErrorContext& errors);

// --- Groups and datasets -----------------------------------------------------------------------

/// Group creation properties (also the root group's, through the file creation properties):
/// link and attribute creation order tracked, as netCDF-4 readers expect; no modification
/// times, so that files of identical runs differ only where they must.
PropertyList group_properties(hid_t property_class, const std::string& operation,
                              const ErrorContext& errors);

Group create_group(hid_t parent, const char* name, const ErrorContext& errors);

/// How a dataset grows: 1-D [rows] or 2-D [rows, columns], growing along rows.
struct ExtendibleShape {
  int rank = 1;
  hsize_t columns = 1;  // fixed second dimension of a 2-D dataset
};

/// How a growing dataset is stored: rows per chunk, and deflate level (0: not compressed).
struct ChunkedStorage {
  hsize_t chunk_rows = 64;
  unsigned deflate_level = 0;
};

/// Creates an empty dataset that grows along its first dimension. `fill_value` (may be null)
/// marks cells never written.
Dataset create_extendible(hid_t parent, const std::string& name, hid_t file_type,
                          const void* fill_value, ExtendibleShape shape, ChunkedStorage storage,
                          const ErrorContext& errors);

/// Extends `name` (relative to `parent`) to `first_row + rows` rows and writes `values` (rows
/// × columns, row-major, in `memory_type`) into the new rows.
void append_to_dataset(hid_t parent, const std::string& name, hsize_t first_row, hsize_t rows,
                       ExtendibleShape shape, hid_t memory_type, const void* values,
                       const ErrorContext& errors);

// --- Dimension scales --------------------------------------------------------------------------

/// Creates a fixed-size 1-D dataset holding `values` and makes it a dimension scale.
Dataset create_fixed_scale(hid_t parent, const char* name, hid_t file_type, hid_t memory_type,
                           hsize_t count, const void* values, const ErrorContext& errors);

/// Makes root-level dimension scales visible inside `group` under the same names, as second
/// names (hard links) of the same datasets, not copies: xarray and netCDF read only the
/// variables of the group they open, and so would otherwise show no coordinate labels.
void link_scales(hid_t root, hid_t group, std::initializer_list<const char*> scale_names,
                 const ErrorContext& errors);

/// Attaches `scales` to the dimensions of `dataset`, in dimension order.
void attach_scales(hid_t dataset, std::initializer_list<hid_t> scales, const std::string& name,
                   const ErrorContext& errors);

// --- Files -------------------------------------------------------------------------------------
//
// When a write to disk fails inside HDF5 1.10 (a full disk, an I/O error), the library can be
// left inconsistent: a file whose close failed keeps an identifier to structures already freed
// (its exit-time cleanup then crashed with SIGSEGV), and what else it keeps is not documented.
// So after any such failure this process opens no HDF5 file for writing again: create_file and
// open_file_for_update refuse, and the caller reports the first failure.

/// Creates (truncating) `path` with creation-order tracking on the root group.
File create_file(const std::filesystem::path& path, const ErrorContext& errors);

/// Opens an existing file for reading and writing.
File open_file_for_update(const std::filesystem::path& path, const ErrorContext& errors);

/// Closes explicitly, so that a failure to write the data out is reported (and remembered:
/// see above).
void close_file(File& file, const ErrorContext& errors);

/// Records that a write failed while a file was open for writing (see above); close_file and
/// append_to_dataset do it themselves, callers do it for failures between open and close.
void note_failed_write();

}  // namespace gigsim::hdf5
