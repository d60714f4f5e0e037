# Finds every third-party library from Debian's packages (scripts/packages.txt lists them)
# and gives each one an imported target. The pitfalls are commented where they bite (CAF, NATS,
# hiredis and cpp-httplib have no usable CMake config in Debian: pkg-config or find_library).
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(Boost 1.74 REQUIRED)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(CLI11 REQUIRED)
find_package(GTest REQUIRED)
find_package(benchmark REQUIRED)
find_package(SQLite3 REQUIRED)
# No CMake config in Debian for these: pkg-config it is.
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
pkg_check_modules(HIREDIS REQUIRED IMPORTED_TARGET hiredis)

# Boost 1.74's Asio uses std::exchange without including <utility>; with g++ 12 in C++20
# that fails to compile. Force the include for every target that uses Asio.
add_library(archbench_asio INTERFACE)
target_link_libraries(archbench_asio INTERFACE Boost::headers Threads::Threads)
target_compile_options(archbench_asio INTERFACE -include utility)
target_compile_definitions(archbench_asio INTERFACE BOOST_ASIO_NO_DEPRECATED)
