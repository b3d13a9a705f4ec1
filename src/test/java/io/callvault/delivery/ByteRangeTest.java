package io.callvault.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteRangeTest {

    @ParameterizedTest(name = "{0} of 1000 → {1}-{2}")
    @CsvSource({
            "bytes=0-99, 0, 99",
            "bytes=100-, 100, 999",
            "bytes=-100, 900, 999",
            "bytes=990-5000, 990, 999",
            "bytes=-5000, 0, 999",
            "BYTES=5-5 , 5, 5",
            "bytes=999-999, 999, 999",
            "bytes=0-99999999999999999999999, 0, 999",
            "bytes=-99999999999999999999999, 0, 999"})
    void satisfiableRanges(String header, long start, long end) {
        assertThat(ByteRange.parse(header, 1000)).isEqualTo(new ByteRange.Partial(new ByteRange(start, end)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bytes=1000-", "bytes=5000-6000", "bytes=-0", "bytes=5-2", "bytes=abc",
            "bytes=", "bytes=--5", "bytes=1-2-3", "bytes=99999999999999999999999-", "bytes= -"})
    void unsatisfiableOrMalformedRangesAre416(String header) {
        assertThat(ByteRange.parse(header, 1000)).isInstanceOf(ByteRange.Unsatisfiable.class);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"items=0-5", "bytes=0-5,10-20", "something"})
    void otherUnitsAndMultipleRangesGetTheWholeBody(String header) {
        assertThat(ByteRange.parse(header, 1000)).isInstanceOf(ByteRange.Whole.class);
    }

    @Test
    void noHeaderIsTheWholeBody() {
        assertThat(ByteRange.parse(null, 1000)).isInstanceOf(ByteRange.Whole.class);
    }

    @Test
    void nothingIsSatisfiableInAnEmptyBody() {
        assertThat(ByteRange.parse("bytes=0-", 0)).isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThat(ByteRange.parse("bytes=-1", 0)).isInstanceOf(ByteRange.Unsatisfiable.class);
    }
}
