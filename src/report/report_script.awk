# report_script.awk - writes report_script.c from report_script.js:
#   awk -f src/report/report_script.awk src/report/report_script.js > src/report/report_script.c
# Each line of the script becomes a C string literal ending in a newline.
BEGIN {
    print "/*"
    print "** report_script.c - the page's own script, embedded in libhumsec. GENERATED from"
    print "** report_script.js (edit that file, then regenerate this one with"
    print "**   awk -f src/report/report_script.awk src/report/report_script.js > src/report/report_script.c"
    print "** ); the test report_test_report_page checks that the two agree."
    print "*/"
    print "#include \"report/report_internal.h\""
    print ""
    print "/* clang-format off */"
    print "const char report_script[] ="
}
{
    gsub(/\\/, "&&")
    gsub(/"/, "\\\"")
    print "    \"" $0 "\\n\""
}
END {
    print "    \"\";"
    print "/* clang-format on */"
}
