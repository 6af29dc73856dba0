/**
 * The {@code dense4j} command: parses arguments with picocli, calls the library, prints. No maths
 * here. Exit codes: 0 success, 2 bad usage, 1 bad input or failure (one line on stderr; the stack
 * trace only with {@code --verbose}).
 */
package io.dense4j.cli;
