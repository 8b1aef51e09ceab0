# Writes the version header at build time, so every build records the commit
# it was made from (configure_file rewrites it only when the text changes).
execute_process(COMMAND git describe --always --dirty --abbrev=12
  WORKING_DIRECTORY ${SRC} OUTPUT_VARIABLE HUMSEC_GIT
  OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(NOT HUMSEC_GIT)
  set(HUMSEC_GIT "unknown")
endif()
configure_file(${SRC}/src/core/version.h.in ${OUT} @ONLY)
