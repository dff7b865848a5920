package org.zstack.cp.api;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Singleton;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** The methods that each path of the JAX-RS resources takes, for the {@code Allow} header of a 405. */
@Singleton
public class AllowedMethods {
    private final List<Route> routes = new ArrayList<>();

    record Route(Pattern path, String method) {
    }

    public AllowedMethods(BeanManager beans) {
        for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
            Path root = bean.getBeanClass().getAnnotation(Path.class);
            if (root != null) {
                addRoutes(root.value(), bean.getBeanClass());
            }
        }
    }

    private void addRoutes(String root, Class<?> resource) {
        for (Method method : resource.getMethods()) {
            for (Annotation annotation : method.getAnnotations()) {
                HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
                if (http != null) {
                    Path sub = method.getAnnotation(Path.class);
                    routes.add(new Route(template(root + (sub == null ? "" : "/" + sub.value())), http.value()));
                }
            }
        }
    }

    private static Pattern template(String path) {
        String normalized = ("/" + path).replaceAll("/+", "/").replaceAll("(.)/$", "$1");
        StringBuilder regex = new StringBuilder();
        for (String part : normalized.split("\\{[^}]*}", -1)) {
            regex.append(regex.isEmpty() ? "" : "[^/]+").append(Pattern.quote(part));
        }
        return Pattern.compile(regex + "/?");
    }

    /** The methods for {@code path}, comma-separated (with HEAD and OPTIONS, which Quarkus REST adds). */
    public String forPath(String path) {
        Set<String> methods = new TreeSet<>();
        for (Route route : routes) {
            if (route.path().matcher(path).matches()) {
                methods.add(route.method());
            }
        }
        if (methods.contains(HttpMethod.GET)) {
            methods.add(HttpMethod.HEAD);
        }
        if (!methods.isEmpty()) {
            methods.add(HttpMethod.OPTIONS);
        }
        return String.join(", ", methods);
    }
}
