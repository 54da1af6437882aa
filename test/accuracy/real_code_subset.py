#!/usr/bin/env python3
"""Run aliasguard on the translation units that carry the baseline's warnings (and their callers).

A quick check of the real-code triage (docs/accuracy.md) when the full run of real_code.py is
too slow: the same flags, include resolution and precompiled LibTorch headers, on 16 files.
Usage: real_code_subset.py <aliasguard> <findings.json> [checkouts, default /work/realcode]
"""
import json
import os
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import real_code as rc  # noqa: E402

FILES = {
    'jiamny+Deep_Learning_with_Libtorch': [
        'src/10_Neural_Network/Fashion_template_demo.cpp',
        'src/12_classcal_CNN_models/EfficientNet/EfficientNet_32/efficientnet.cpp',
        'src/19_ObjectDetection/YOLOv3/Darknet.cpp',
        'src/19_ObjectDetection/YOLOv3/main.cpp',
        'src/19_ObjectDetection/YOLOv4/src/models/yolo_training.cpp',
        'src/19_ObjectDetection/YOLOv4/src/Detector.cpp',
        'src/19_ObjectDetection/Yolo_libtorch/Yolo.cpp',
        'src/21_Semantic_Segmentation/src/architectures/UNetDecoder.cpp',
        'src/26_Yolov3_deepsort/detection/src/Darknet.cpp',
        'src/26_Yolov3_deepsort/detection/src/Detector.cpp',
        'src/image_tools/transforms.cpp',
        'utils/image_io/src/image_io.cpp',
    ],
    'AllentDan+LibtorchTutorials': [
        'lesson7-Detection/src/models/yolo_training.cpp',
        'lesson7-Detection/src/Detector.cpp',
        'lesson7-Detection/src/main.cpp',
    ],
    'AllentDan+LibtorchSegmentation': ['src/architectures/UNetDecoder.cpp'],
}


def main():
    aliasguard, out_path = sys.argv[1], sys.argv[2]
    checkouts = sys.argv[3] if len(sys.argv) > 3 else '/work/realcode'
    pch = rc.build_pch('clang++-19', tempfile.mkdtemp(prefix='real_code_subset-'))
    repos = {name: rc.Repo(os.path.join(checkouts, name)) for name in FILES}
    jobs = [(name, f) for name, files in FILES.items() for f in files]

    def run(job):
        name, source = job
        include_dirs, _ = repos[name].include_closure(source)
        return job, rc.run_checker(aliasguard, repos[name], source, include_dirs, pch)

    seen, results = set(), []
    with ThreadPoolExecutor(2) as pool:
        for (name, source), (compiled, findings, _, seconds) in pool.map(run, jobs):
            print('%s %s %s (%d s)' % (name, source, 'ok' if compiled else 'does not compile',
                                       seconds), flush=True)
            for f in findings:
                key = (name, rc.relative(repos[name], f['file']), f['line'], f['check'])
                if key in seen:
                    continue  # a header's finding counts once
                seen.add(key)
                results.append({'repo': key[0], 'path': key[1], 'line': key[2], 'check': key[3],
                                'message': f['message']})
                print('    %s:%d %s: %s' % (key[1], key[2], key[3], f['message']), flush=True)
    with open(out_path, 'w') as out:
        json.dump(results, out, indent=1)
    print('%d warnings' % len(results))


if __name__ == '__main__':
    main()
