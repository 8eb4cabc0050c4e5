# PWMK Lab in a container: JupyterLab 4 (built from npm) with the tslab TypeScript kernel,
# the pwmk package and the jupyterlab-pwmk extension, served on port 8888.
#
#   docker build -t pwmk-lab .
#   docker run --rm -p 8888:8888 -e PWMK_TOKEN=choose-a-secret pwmk-lab
#
# Two stages: "build" has the compilers, the dev dependencies and the test browser and builds
# everything (scripts/setup.sh, as on a developer's machine); "runtime" gets only the runtime
# tree that scripts/docker/assemble.sh puts together, runs as the non-root user "pwmk" and
# carries no compilers, no test browser and no npm cache. CI runs the same scripts on the test
# machine and starts the result (scripts/check-docker.sh).

FROM node:20-bookworm AS build
ENV DEBIAN_FRONTEND=noninteractive
COPY scripts/install-system-deps.sh /tmp/install-system-deps.sh
RUN bash /tmp/install-system-deps.sh
WORKDIR /src
COPY . .
RUN bash scripts/setup.sh && bash scripts/docker/assemble.sh /opt/pwmk

FROM node:20-bookworm-slim AS runtime
COPY scripts/docker/runtime-deps.sh /tmp/runtime-deps.sh
RUN bash /tmp/runtime-deps.sh && rm /tmp/runtime-deps.sh \
 && useradd --create-home --uid 1001 --shell /bin/bash pwmk
COPY --from=build --chown=pwmk:pwmk /opt/pwmk /opt/pwmk
USER pwmk
WORKDIR /opt/pwmk
ENV PWMK_LAB_IP=0.0.0.0 \
    PWMK_LAB_PORT=8888 \
    PWMK_IN_CONTAINER=1
EXPOSE 8888
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
  CMD ["python3", "/opt/pwmk/scripts/docker/healthcheck.py"]
ENTRYPOINT ["tini", "--", "bash", "/opt/pwmk/scripts/docker/start.sh"]
