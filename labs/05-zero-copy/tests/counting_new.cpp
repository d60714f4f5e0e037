// The lab's tests count allocations: this file replaces the global operator new (see
// counting_new.hpp). One file of the program, and only one, does this.
#define LAB05_DEFINE_COUNTING_NEW
#include "counting_new.hpp"
