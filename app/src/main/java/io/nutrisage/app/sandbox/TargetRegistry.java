package io.nutrisage.app.sandbox;

import java.net.URI;

/** Where the fleet registers serving tasks: the sandbox's round-robin front, like an ALB target group. */
interface TargetRegistry {
    void register(String taskId, URI endpoint);

    void deregister(String taskId);
}
