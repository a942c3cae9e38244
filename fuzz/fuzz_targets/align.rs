#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| concord_testing::fuzzing::align(data));
