#![no_main]
// A panic inside the third-party reader is caught by the product (the reader's error), so
// libFuzzer's abort-on-panic hook is replaced; a stack overflow, a hang or running out of
// memory is still a crash.
libfuzzer_sys::fuzz_target!(
    init: std::panic::set_hook(Box::new(|_| {})),
    |data: &[u8]| concord_testing::fuzzing::docx(data)
);
