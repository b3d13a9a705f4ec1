package io.callvault.waveform;

import java.util.List;

import io.callvault.catalog.Catalog;
import io.callvault.catalog.Recording;
import io.callvault.catalog.RecordingId;
import io.callvault.catalog.RecordingState;
import io.callvault.tenancy.ClientPrincipal;
import io.callvault.tenancy.Permitted;
import io.callvault.tenancy.Scope;
import io.callvault.tenancy.TenantId;
import io.callvault.web.ApiException;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Contract 7: {@code GET /v1/tenants/{t}/recordings/{id}/waveform?points=N}. */
@RestController
class WaveformController {

    static final int MAX_POINTS = 10_000;

    private final Catalog catalog;
    private final Waveforms waveforms;

    WaveformController(Catalog catalog, Waveforms waveforms) {
        this.catalog = catalog;
        this.waveforms = waveforms;
    }

    record WaveformView(int points, int channels, long durationMs, List<double[][]> peaks) {
    }

    @GetMapping("/v1/tenants/{tenantId}/recordings/{recordingId}/waveform")
    WaveformView waveform(@Permitted(Scope.READ) ClientPrincipal principal, @PathVariable TenantId tenantId,
            @PathVariable RecordingId recordingId, @RequestParam(required = false) String points) {
        int wanted = points(points);
        Recording recording = catalog.recording(tenantId, recordingId);
        if (recording.state() == RecordingState.Recording) {
            throw ApiException.conflict("recording '" + recordingId + "' is being recorded: its waveform is drawn once it ends");
        }
        if (!recording.hasAudio()) {
            throw ApiException.notFound("recording '" + recordingId + "' has no audio: the recorder failed to capture it");
        }
        Peaks peaks = waveforms.of(recording);
        return new WaveformView(wanted, peaks.channels(), peaks.durationMs(), List.of(peaks.reducedTo(wanted)));
    }

    private static int points(String value) {
        if (value == null) {
            return 1000;
        }
        try {
            int points = Integer.parseInt(value);
            if (points >= 1 && points <= MAX_POINTS) {
                return points;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("points must be an integer between 1 and " + MAX_POINTS);
    }
}
