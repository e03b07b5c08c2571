# The primitive catalogue (common/sb_prims.def) for the build and the tests,
# so that no CMake file lists primitive names:
#   SB_PRIMS_KERNEL, SB_PRIMS_USER   the names each side implements, in order
#   SB_PRIM_CAPS_<name>              its capabilities, lower case without the
#                                    SB_CAP_ prefix (irq;readers;...)
#   ${CMAKE_BINARY_DIR}/prims-kernel.txt, prims-user.txt
#                                    one "name cap,cap" line per primitive
# CMake configures again when the catalogue changes.
set(SB_PRIMS_DEF ${PROJECT_SOURCE_DIR}/common/sb_prims.def)
set_property(DIRECTORY ${PROJECT_SOURCE_DIR} APPEND PROPERTY
             CMAKE_CONFIGURE_DEPENDS ${SB_PRIMS_DEF})
file(READ ${SB_PRIMS_DEF} _sb_def)
string(REGEX MATCHALL
       "SB_PRIM\\([a-z0-9_]+, *[01], *[01], *[A-Z_]+, *[A-Z_0| ]+,"
       _sb_rows "${_sb_def}")
set(SB_PRIMS_KERNEL "")
set(SB_PRIMS_USER "")
set(_sb_kernel_txt "")
set(_sb_user_txt "")
foreach(_row ${_sb_rows})
  string(REGEX REPLACE
         "SB_PRIM\\(([a-z0-9_]+), *([01]), *([01]), *([A-Z_]+), *([A-Z_0| ]+),"
         "\\1;\\2;\\3;\\5" _f "${_row}")
  list(GET _f 0 _name)
  list(GET _f 1 _k)
  list(GET _f 2 _u)
  list(GET _f 3 _caps)
  string(REGEX MATCHALL "SB_CAP_[A-Z]+" _caps "${_caps}")
  string(REPLACE "SB_CAP_" "" _caps "${_caps}")
  string(TOLOWER "${_caps}" _caps)
  set(SB_PRIM_CAPS_${_name} "${_caps}")
  string(REPLACE ";" "," _capline "${_caps}")
  if(_k)
    list(APPEND SB_PRIMS_KERNEL ${_name})
    string(APPEND _sb_kernel_txt "${_name} ${_capline}\n")
  endif()
  if(_u)
    list(APPEND SB_PRIMS_USER ${_name})
    string(APPEND _sb_user_txt "${_name} ${_capline}\n")
  endif()
endforeach()
if(NOT SB_PRIMS_KERNEL OR NOT SB_PRIMS_USER)
  message(FATAL_ERROR "cmake/SbPrims.cmake: no primitive rows read from "
                      "${SB_PRIMS_DEF}")
endif()
file(WRITE ${CMAKE_BINARY_DIR}/prims-kernel.txt "${_sb_kernel_txt}")
file(WRITE ${CMAKE_BINARY_DIR}/prims-user.txt "${_sb_user_txt}")
