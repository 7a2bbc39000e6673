# Docent's container image: built with the Maven wrapper, run on a JRE.
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src src
COPY db db
COPY frontend frontend
RUN ./mvnw -B -q -DskipTests -DskipFormatCheck package

FROM eclipse-temurin:21-jre
# OCR for scanned PDFs: Tesseract with English, and poppler's pdftoppm to render the pages.
RUN apt-get update \
    && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-eng poppler-utils \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /src/target/quarkus-app/ /app/
USER 1001
# A container must listen on every interface to be reachable through its published port.
ENV DOCENT_HTTP_HOST=0.0.0.0
EXPOSE 8080
# Fits a 1 GiB container with 500 answer streams open (README, Performance: make bench-streams measures these
# options): the heap 40 % of the limit, the rest for metaspace, code, threads and the embedding model's native memory.
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "-XX:MaxRAMPercentage=40", "-XX:MaxMetaspaceSize=256m", "-XX:ReservedCodeCacheSize=96m", "-XX:MaxDirectMemorySize=64m", "-jar", "/app/quarkus-run.jar"]
