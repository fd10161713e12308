package org.eegworkflow.platform;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each kind of refusal answers the status the API answered before the kinds existed. */
class DomainExceptionMapperTest {

    @Test
    void eachKindHasTheStatusTheApiAnsweredBeforeTheKindsExisted() {
        Map<DomainException, Integer> expected = Map.of(
                new InvalidInputException("x"), 400,
                new NotAuthenticatedException("x"), 401,
                new NotPermittedException("x"), 403,
                new NotFoundException("x"), 404,
                new ConflictException("x"), 409,
                new TooLargeException("x"), 413,
                new TooManyAttemptsException("x", 5), 429);
        expected.forEach((e, status) -> assertEquals(status, DomainExceptionMapper.status(e), e.getClass().getName()));
        // a new kind must be given a status here, not fall through to a 500
        List<Class<?>> kinds = Arrays.asList(DomainException.class.getPermittedSubclasses());
        assertEquals(kinds.size(), expected.keySet().stream().map(Object::getClass).distinct().count(),
                "kinds " + kinds + " vs tested " + expected.keySet());
    }

    @Test
    void messagesAreKeptAsTheyAre() {
        assertEquals("job 5 not found", new NotFoundException("job 5 not found").getMessage());
        assertEquals(30, new TooManyAttemptsException("wait", 30).retryAfterSeconds());
        assertEquals("'abc'", DomainException.quote("abc"));
        assertEquals("'" + "x".repeat(80) + "...' (100 characters)", DomainException.quote("x".repeat(100)));
    }
}
