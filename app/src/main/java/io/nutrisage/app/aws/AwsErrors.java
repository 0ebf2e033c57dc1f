package io.nutrisage.app.aws;

import io.nutrisage.app.aws.AwsProblem.Kind;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.xml.stream.XMLStreamException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns SDK exceptions into {@link AwsProblem}s with the fix spelled out; never leaks a stack trace to the user. */
final class AwsErrors {
    private static final Set<String> EXPIRED_CODES =
            Set.of("ExpiredToken", "ExpiredTokenException", "RequestExpired", "TokenRefreshRequired");
    private static final Set<String> REJECTED_CODES = Set.of(
            "InvalidClientTokenId",
            "UnrecognizedClientException",
            "SignatureDoesNotMatch",
            "InvalidSignatureException",
            "IncompleteSignature",
            "AuthFailure",
            "MissingAuthenticationToken");
    private static final Set<String> DENIED_CODES =
            Set.of("AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "NotAuthorized");
    private static final Set<String> NOT_FOUND_CODES = Set.of(
            "ResourceNotFoundException",
            "ClusterNotFoundException",
            "ServiceNotFoundException",
            "ObjectNotFoundException");

    private AwsErrors() {}

    /**
     * @param operation e.g. {@code CloudWatch GetMetricData}
     * @param profile the profile name the user chose, for the fix commands
     */
    static AwsProblem classify(Throwable error, String operation, String profile) {
        String login = "aws sso login --profile " + profile;
        String configure = "aws configure --profile " + profile;
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof AwsServiceException service) {
                return classifyService(service, operation, profile, login, configure);
            }
        }
        String text = messages(error);
        String lower = text.toLowerCase(Locale.ROOT);
        if (hasCause(error, AbortedException.class)
                || hasCause(error, InterruptedException.class)
                || (hasCause(error, InterruptedIOException.class)
                        && !(error instanceof ApiCallAttemptTimeoutException)
                        && !(error instanceof ApiCallTimeoutException))) {
            return new AwsProblem(Kind.CANCELLED, operation + ": cancelled.");
        }
        if (error instanceof ApiCallTimeoutException || error instanceof ApiCallAttemptTimeoutException) {
            return new AwsProblem(
                    Kind.TIMEOUT, operation + ": no answer in time (" + firstLine(error) + "); retrying.");
        }
        if (lower.contains("sso")
                && (lower.contains("expired") || lower.contains("token") || lower.contains("login"))) {
            return new AwsProblem(
                    Kind.CREDENTIALS_EXPIRED,
                    "The SSO session of profile '" + profile + "' has expired or was never started. Run `" + login
                            + "` and connect again.");
        }
        if (lower.contains("unable to load credentials")
                || lower.contains("no credentials")
                || lower.contains("unable to load profile")
                || lower.contains("profile file contained no credentials")) {
            return new AwsProblem(
                    Kind.CREDENTIALS_MISSING,
                    "No AWS credentials found for profile '" + profile + "'. Run `" + login
                            + "` (IAM Identity Center) or `" + configure
                            + "` (access keys), or pick another profile; the console never asks for keys itself.");
        }
        if (lower.contains("unable to load region") || lower.contains("no region")) {
            return new AwsProblem(
                    Kind.NO_REGION,
                    "No AWS region chosen. Pick one (e.g. eu-west-1), set AWS_REGION, or run `aws configure set region"
                            + " <region> --profile " + profile + "`.");
        }
        Optional<Throwable> parse = parseFailure(error);
        if (parse.isPresent()) {
            // Jackson's and StAX's parse exceptions are IOExceptions: without this they would read as network problems.
            return new AwsProblem(
                    Kind.UNREADABLE_RESPONSE,
                    operation + ": AWS sent a response the console cannot read (" + parseDetail(parse.get())
                            + "); retrying.");
        }
        if (hasCause(error, IOException.class) || error instanceof SdkClientException) {
            return new AwsProblem(Kind.NETWORK, operation + ": network problem (" + firstLine(error) + "); retrying.");
        }
        return new AwsProblem(Kind.OTHER, operation + ": " + firstLine(error));
    }

    private static AwsProblem classifyService(
            AwsServiceException service, String operation, String profile, String login, String configure) {
        String code = service.awsErrorDetails() == null
                ? null
                : service.awsErrorDetails().errorCode();
        String detail = service.awsErrorDetails() == null
                ? null
                : service.awsErrorDetails().errorMessage();
        String said = code == null ? "HTTP " + service.statusCode() : code + (detail == null ? "" : ": " + detail);
        if (code != null && EXPIRED_CODES.contains(code)) {
            return new AwsProblem(
                    Kind.CREDENTIALS_EXPIRED,
                    "The AWS session of profile '" + profile + "' has expired (" + code + "). Run `" + login
                            + "` (IAM Identity Center) or refresh the keys with `" + configure
                            + "`; monitoring resumes by itself once the credentials are valid.");
        }
        if (code != null && REJECTED_CODES.contains(code)) {
            return new AwsProblem(
                    Kind.CREDENTIALS_EXPIRED,
                    "AWS rejected the credentials of profile '" + profile + "' (" + code + "). Run `" + login + "` or `"
                            + configure + "` and connect again.");
        }
        if (code != null && DENIED_CODES.contains(code) || service.statusCode() == 403) {
            return new AwsProblem(
                    Kind.ACCESS_DENIED,
                    operation + " is not allowed for this identity (" + said
                            + "). Attach the NutriSage console-access managed policy (infra-templates stack"
                            + " '<env>-console-access', output ConsolePolicyArn) to your role or user.");
        }
        if (service.isThrottlingException()) {
            return new AwsProblem(Kind.THROTTLED, operation + ": throttled by AWS (" + said + "); backing off.");
        }
        if (code != null && (NOT_FOUND_CODES.contains(code) || (detail != null && detail.contains("does not exist")))) {
            return new AwsProblem(Kind.NOT_FOUND, operation + ": " + said);
        }
        if (service.statusCode() >= 500) {
            return new AwsProblem(Kind.SERVICE_ERROR, operation + ": AWS answered " + said + "; retrying.");
        }
        return new AwsProblem(Kind.OTHER, operation + ": " + said);
    }

    static AwsAccessException toException(Throwable error, String operation, String profile) {
        if (error instanceof AwsAccessException access) {
            return access;
        }
        return new AwsAccessException(classify(error, operation, profile), error);
    }

    /**
     * The failure to parse a response body, if that is what {@code error} is: the SDK reports it as an {@link
     * SdkClientException} "Unable to unmarshall response (…)" caused by its (shaded) Jackson's JSON/CBOR parse
     * exception, or by a StAX {@link XMLStreamException} for the query protocols' XML.
     */
    private static Optional<Throwable> parseFailure(Throwable error) {
        boolean unmarshalling = false;
        for (Throwable t = error; t != null; t = t.getCause()) {
            String name = t.getClass().getSimpleName();
            if (t instanceof XMLStreamException
                    || name.equals("JsonParseException")
                    || name.equals("StreamReadException")
                    || name.equals("JsonEOFException")) {
                return Optional.of(t);
            }
            unmarshalling |= t instanceof SdkClientException
                    && t.getMessage() != null
                    && t.getMessage().startsWith("Unable to unmarshall");
        }
        return unmarshalling ? Optional.of(error) : Optional.empty();
    }

    /**
     * The parser's own words without class names or source positions, e.g. {@code Unexpected character ('<' (code
     * 60))…}; StAX puts them after its {@code ParseError at [row,col]:[1,82]} line.
     */
    private static String parseDetail(Throwable parse) {
        String message = parse.getMessage() == null ? parse.getClass().getSimpleName() : parse.getMessage();
        int stax = message.indexOf("\nMessage: ");
        message = stax < 0 ? message : message.substring(stax + "\nMessage: ".length());
        int newline = message.indexOf('\n');
        message = (newline < 0 ? message : message.substring(0, newline)).strip();
        return message.length() > 160 ? message.substring(0, 160) + "…" : message;
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String messages(Throwable error) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                all.append(t.getMessage()).append(' ');
            }
        }
        return all.toString();
    }

    private static String firstLine(Throwable error) {
        String message = error instanceof SdkException && error.getMessage() != null
                ? error.getMessage()
                : error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
        int newline = message.indexOf('\n');
        message = newline < 0 ? message : message.substring(0, newline);
        return message.length() > 300 ? message.substring(0, 300) + "…" : message;
    }
}
