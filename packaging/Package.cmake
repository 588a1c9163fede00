# SPDX-License-Identifier: GPL-3.0-or-later
# The Debian package: `cpack -G DEB` in the build folder (or scripts/package) makes
# quire_VERSION-1_ARCH.deb from what `cmake --install` installs, under /usr.
set(QUIRE_PACKAGE_MAINTAINER "The Quire developers <quire@example.org>"
    CACHE STRING "The Maintainer field of the Debian package")

set(CPACK_PACKAGE_NAME quire)
set(CPACK_PACKAGE_VENDOR "The Quire developers")
set(CPACK_PACKAGE_CONTACT "${QUIRE_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "qualitative coding workbench for interview transcripts")
string(CONCAT CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "Quire is a workbench for qualitative research on interview transcripts:\n"
    "import transcripts, code passages with the codes of a codebook, compare how\n"
    "independent coders agree (percent agreement, Cohen's kappa, Krippendorff's\n"
    "alpha) and search themes across a whole evaluation.\n"
    "\n"
    "The package holds the desktop workbench (quire) and a scriptable command line\n"
    "(quire-cli) over the same project file, a single SQLite database.")
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Dependencies are read off the binaries by dpkg-shlibdeps.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

# Debian's changelog (and a note for lintian) go into the package alone, compressed as Debian wants it.
set(quire_changelog "${PROJECT_BINARY_DIR}/packaging/changelog.Debian")
configure_file("${PROJECT_SOURCE_DIR}/packaging/changelog" "${quire_changelog}" COPYONLY)
set(QUIRE_DEBIAN_CHANGELOG "${quire_changelog}")
configure_file("${PROJECT_SOURCE_DIR}/packaging/add_debian_files.cmake.in"
               "${PROJECT_BINARY_DIR}/packaging/add_debian_files.cmake" @ONLY)
set(CPACK_PRE_BUILD_SCRIPTS "${PROJECT_BINARY_DIR}/packaging/add_debian_files.cmake")

install(FILES "${PROJECT_SOURCE_DIR}/packaging/copyright"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/doc/quire")
include(CPack)
