#include "header-bug.h"
int main() { header_bug(); }
