package io.callvault.live.cte1;

/** A CT-e1 message refused: its description goes back as {@code {"type","status":"error","description"}}. */
class Cte1Refusal extends Exception {

    Cte1Refusal(String description) {
        super(description);
    }
}
