// The thin HDF5 wrapper; see hdf5_interface.hpp.
#include "io/hdf5_interface.hpp"

#include <hdf5_hl.h>

#include <array>
#include <utility>

#include "core/errors.hpp"

namespace gigsim::hdf5 {
namespace {

herr_t keep_innermost(unsigned depth, const H5E_error2_t* error, void* detail) {
  if (depth == 0 && error->desc != nullptr) *static_cast<std::string*>(detail) = error->desc;
  return 0;
}

/// The innermost message of HDF5's error stack (the one that names the cause, e.g. "No space
/// left on device"), and clears the stack.
std::string innermost_error() {
  std::string detail;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, keep_innermost, &detail);
  H5Eclear2(H5E_DEFAULT);
  return detail;
}

/// HDF5's message for a failed system call lists time, file name, descriptor, errno, buffer
/// address and sizes; the user needs the call and the system's reason ("file write failed: No
/// space left on device"). Other messages pass unchanged.
std::string readable_cause(const std::string& detail) {
  const std::string reason_marker = "error message = '";
  const std::size_t reason = detail.find(reason_marker);
  if (reason == std::string::npos) return detail;
  const std::size_t begin = reason + reason_marker.size();
  const std::size_t end = detail.find('\'', begin);
  const std::string call = detail.substr(0, detail.find(':'));
  return call + ": " + detail.substr(begin, end == std::string::npos ? end : end - begin);
}

/// Creation properties shared by every object: no modification times in object headers.
PropertyList creation_properties(hid_t property_class, const std::string& operation,
                                 const ErrorContext& errors) {
  PropertyList properties(errors.check(H5Pcreate(property_class), operation));
  errors.check_status(H5Pset_obj_track_times(properties.get(), false), operation);
  return properties;
}

PropertyList file_access_properties(const ErrorContext& errors) {
  const std::string operation = "setting up file access properties";
  PropertyList properties(errors.check(H5Pcreate(H5P_FILE_ACCESS), operation));
  // Closing the file closes everything in it, so a close that succeeds means all is written.
  errors.check_status(H5Pset_fclose_degree(properties.get(), H5F_CLOSE_STRONG), operation);
  // The 1.10 file format: needed for unfiltered partial chunks (H5Pset_chunk_opts), and its
  // extensible-array chunk index makes appends cheaper. Readable by HDF5 1.10 and later.
  errors.check_status(H5Pset_libver_bounds(properties.get(), H5F_LIBVER_V110, H5F_LIBVER_V110),
                      operation);
  // HDF5's own file locks are off: gigsim writes private copies that no reader has open (see
  // io/replaceable_file.hpp) and keeps one writer per path with its own lock (io/output_lock.hpp).
  errors.check_status(H5Pset_file_locking(properties.get(), false, true), operation);
  return properties;
}

/// See "Files" in hdf5_interface.hpp.
bool g_write_failed = false;

void refuse_after_failed_write(const ErrorContext& errors) {
  if (g_write_failed) {
    throw RuntimeFailure("'" + errors.file().string() +
                         "' is not written: an earlier write failed inside HDF5, which may "
                         "have left the library inconsistent");
  }
}

}  // namespace

ErrorContext::ErrorContext(std::filesystem::path file) : file_(std::move(file)) {
  silence_error_printing();
}

void ErrorContext::fail(const std::string& operation) const {
  std::string message = "HDF5 error in '" + file_.string() + "' while " + operation;
  const std::string detail = innermost_error();
  if (!detail.empty()) message += ": " + readable_cause(detail);
  throw RuntimeFailure(message);
}

void silence_error_printing() { H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); }

void prepare_library() {
  // When closing a file fails (a full disk), HDF5 1.10 has already freed the file's structures
  // but keeps its identifier; the cleanup HDF5 registers with atexit would close it again and
  // crash (SIGSEGV). Every file gigsim opens is closed explicitly, so that cleanup has nothing
  // else to do: it is turned off. Effective only before the library's first use.
  H5dont_atexit();
  silence_error_printing();
}

Datatype utf8_string_type(const ErrorContext& errors) {
  Datatype type(errors.check(H5Tcopy(H5T_C_S1), "creating the string type"));
  errors.check_status(H5Tset_size(type.get(), H5T_VARIABLE), "creating the string type");
  errors.check_status(H5Tset_cset(type.get(), H5T_CSET_UTF8), "creating the string type");
  return type;
}

void write_attribute(hid_t object, const char* name, hid_t file_type, hid_t memory_type,
                     const void* value, hsize_t count, const ErrorContext& errors) {
  const std::string operation = std::string("writing attribute ") + name;
  Attribute attribute;
  if (errors.check(H5Aexists(object, name), operation) > 0) {
    attribute = Attribute(errors.check(H5Aopen(object, name, H5P_DEFAULT), operation));
  } else {
    Dataspace space(errors.check(
        count == 0 ? H5Screate(H5S_SCALAR) : H5Screate_simple(1, &count, nullptr), operation));
    attribute = Attribute(errors.check(
        H5Acreate2(object, name, file_type, space.get(), H5P_DEFAULT, H5P_DEFAULT), operation));
  }
  errors.check_status(H5Awrite(attribute.get(), memory_type, value), operation);
}

void write_string_attribute(hid_t object, const char* name, const std::string& value,
                            const ErrorContext& errors) {
  const Datatype type = utf8_string_type(errors);
  const char* text = value.c_str();
  write_attribute(object, name, type.get(), type.get(), &text, 0, errors);
}

void write_int64_attribute(hid_t object, const char* name, std::int64_t value,
                           const ErrorContext& errors) {
  write_attribute(object, name, H5T_STD_I64LE, H5T_NATIVE_INT64, &value, 0, errors);
}

std::optional<std::string> read_string_attribute(hid_t object, const char* name) {
  if (H5Aexists(object, name) <= 0) return std::nullopt;
  const Attribute attribute(H5Aopen(object, name, H5P_DEFAULT));
  if (!attribute.valid()) return std::nullopt;
  const Datatype file_type(H5Aget_type(attribute.get()));
  const Dataspace space(H5Aget_space(attribute.get()));
  if (!file_type.valid() || !space.valid() || H5Tget_class(file_type.get()) != H5T_STRING ||
      H5Sget_simple_extent_npoints(space.get()) != 1) {
    return std::nullopt;
  }
  const Datatype memory_type(H5Tget_native_type(file_type.get(), H5T_DIR_ASCEND));
  if (!memory_type.valid()) return std::nullopt;
  if (H5Tis_variable_str(file_type.get()) > 0) {
    char* text = nullptr;
    if (H5Aread(attribute.get(), memory_type.get(), &text) < 0) return std::nullopt;
    std::string value = text != nullptr ? text : "";
    H5free_memory(text);
    return value;
  }
  std::string value(H5Tget_size(file_type.get()), '\0');
  if (H5Aread(attribute.get(), memory_type.get(), value.data()) < 0) return std::nullopt;
  value.resize(value.find('\0') == std::string::npos ? value.size() : value.find('\0'));
  return value;
}

void describe(hid_t object, std::string_view unit, std::string_view description,
              const ErrorContext& errors) {
  write_string_attribute(object, "units", std::string(unit), errors);
  write_string_attribute(object, "description", std::string(description), errors);
}

PropertyList group_properties(hid_t property_class, const std::string& operation,
                              const ErrorContext& errors) {
  PropertyList properties = creation_properties(property_class, operation, errors);
  const unsigned order = H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED;
  errors.check_status(H5Pset_link_creation_order(properties.get(), order), operation);
  errors.check_status(H5Pset_attr_creation_order(properties.get(), order), operation);
  return properties;
}

Group create_group(hid_t parent, const char* name, const ErrorContext& errors) {
  const std::string operation = std::string("creating group /") + name;
  const PropertyList properties = group_properties(H5P_GROUP_CREATE, operation, errors);
  return Group(errors.check(H5Gcreate2(parent, name, H5P_DEFAULT, properties.get(), H5P_DEFAULT),
                            operation));
}

Dataset create_extendible(hid_t parent, const std::string& name, hid_t file_type,
                          const void* fill_value, ExtendibleShape shape, ChunkedStorage storage,
                          const ErrorContext& errors) {
  const std::string operation = "creating dataset " + name;
  const std::array<hsize_t, 2> dims{0, shape.columns};
  // A fixed dimension may not be smaller than its chunk, so zero columns grow without limit.
  const std::array<hsize_t, 2> max_dims{H5S_UNLIMITED,
                                        shape.columns > 0 ? shape.columns : H5S_UNLIMITED};
  const std::array<hsize_t, 2> chunk{storage.chunk_rows, shape.columns > 0 ? shape.columns : 1};
  const Dataspace space(
      errors.check(H5Screate_simple(shape.rank, dims.data(), max_dims.data()), operation));
  const PropertyList properties = creation_properties(H5P_DATASET_CREATE, operation, errors);
  errors.check_status(H5Pset_chunk(properties.get(), shape.rank, chunk.data()), operation);
  if (storage.deflate_level > 0) {
    errors.check_status(H5Pset_shuffle(properties.get()), operation);
    errors.check_status(H5Pset_deflate(properties.get(), storage.deflate_level), operation);
    // The last, partly filled chunk is stored unfiltered and rewritten in place by each append;
    // HDF5 compresses it once it is full. Recompressing it on every append would cost twice the
    // time and leave every superseded copy as dead space in the file.
    errors.check_status(H5Pset_chunk_opts(properties.get(), H5D_CHUNK_DONT_FILTER_PARTIAL_CHUNKS),
                        operation);
  }
  if (fill_value != nullptr) {
    errors.check_status(H5Pset_fill_value(properties.get(), file_type, fill_value), operation);
  }
  return Dataset(errors.check(H5Dcreate2(parent, name.c_str(), file_type, space.get(), H5P_DEFAULT,
                                         properties.get(), H5P_DEFAULT),
                              operation));
}

void append_to_dataset(hid_t parent, const std::string& name, hsize_t first_row, hsize_t rows,
                       ExtendibleShape shape, hid_t memory_type, const void* values,
                       const ErrorContext& errors) {
  const std::string operation = "appending to " + name;
  Dataset dataset(errors.check(H5Dopen2(parent, name.c_str(), H5P_DEFAULT), operation));
  const std::array<hsize_t, 2> extent{first_row + rows, shape.columns};
  errors.check_status(H5Dset_extent(dataset.get(), extent.data()), operation);
  if (rows == 0 || shape.columns == 0) {
    if (dataset.close() < 0) {
      note_failed_write();
      errors.fail(operation);
    }
    return;
  }
  const Dataspace file_space(errors.check(H5Dget_space(dataset.get()), operation));
  const std::array<hsize_t, 2> start{first_row, 0};
  const std::array<hsize_t, 2> count{rows, shape.columns};
  errors.check_status(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr,
                                          count.data(), nullptr),
                      operation);
  const Dataspace memory_space(
      errors.check(H5Screate_simple(shape.rank, count.data(), nullptr), operation));
  errors.check_status(H5Dwrite(dataset.get(), memory_type, memory_space.get(), file_space.get(),
                               H5P_DEFAULT, values),
                      operation);
  // Closing writes the chunks still cached; a failure here would otherwise go unnoticed (the
  // handle's destructor cannot report it) and the rows be lost without a word.
  if (dataset.close() < 0) {
    note_failed_write();
    errors.fail(operation);
  }
}

Dataset create_fixed_scale(hid_t parent, const char* name, hid_t file_type, hid_t memory_type,
                           hsize_t count, const void* values, const ErrorContext& errors) {
  const std::string operation = std::string("creating dimension scale /") + name;
  const Dataspace space(errors.check(H5Screate_simple(1, &count, nullptr), operation));
  const PropertyList properties = creation_properties(H5P_DATASET_CREATE, operation, errors);
  Dataset scale(errors.check(
      H5Dcreate2(parent, name, file_type, space.get(), H5P_DEFAULT, properties.get(), H5P_DEFAULT),
      operation));
  if (count > 0) {
    errors.check_status(H5Dwrite(scale.get(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values),
                        operation);
  }
  errors.check_status(H5DSset_scale(scale.get(), name), operation);
  return scale;
}

void link_scales(hid_t root, hid_t group, std::initializer_list<const char*> scale_names,
                 const ErrorContext& errors) {
  for (const char* name : scale_names) {
    errors.check_status(H5Lcreate_hard(root, name, group, name, H5P_DEFAULT, H5P_DEFAULT),
                        std::string("linking dimension scale /") + name + " into a group");
  }
}

void attach_scales(hid_t dataset, std::initializer_list<hid_t> scales, const std::string& name,
                   const ErrorContext& errors) {
  unsigned dimension = 0;
  for (const hid_t scale : scales) {
    errors.check_status(H5DSattach_scale(dataset, scale, dimension),
                        "attaching a dimension scale to " + name);
    ++dimension;
  }
}

File create_file(const std::filesystem::path& path, const ErrorContext& errors) {
  refuse_after_failed_write(errors);
  const PropertyList access = file_access_properties(errors);
  const PropertyList creation = group_properties(H5P_FILE_CREATE, "creating the file", errors);
  return File(errors.check(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, creation.get(), access.get()),
                           "creating the file"));
}

File open_file_for_update(const std::filesystem::path& path, const ErrorContext& errors) {
  refuse_after_failed_write(errors);
  const PropertyList access = file_access_properties(errors);
  return File(errors.check(H5Fopen(path.c_str(), H5F_ACC_RDWR, access.get()),
                           "opening the file for update"));
}

void close_file(File& file, const ErrorContext& errors) {
  if (file.close() < 0) {
    note_failed_write();
    errors.fail("closing the file");
  }
}

void note_failed_write() { g_write_failed = true; }

}  // namespace gigsim::hdf5
