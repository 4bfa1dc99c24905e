module @jit_fn attributes {mhlo.num_partitions = 1 : i32, mhlo.num_replicas = 1 : i32} {
  func.func public @main(%arg0: tensor<7xf32>, %arg1: tensor<7xi32>) -> (tensor<7xf32>, tensor<7xf32>, tensor<7xf32>, tensor<7xf32>, tensor<7xf32>, tensor<7xf32>, tensor<7xf32>, tensor<7xi32>) {
    %cst = stablehlo.constant dense<1.000000e+00> : tensor<7xf32>
    %0 = stablehlo.multiply %arg0, %arg0 : tensor<7xf32>
    %1 = stablehlo.multiply %arg0, %arg0 : tensor<7xf32>
    %2 = stablehlo.multiply %arg0, %1 : tensor<7xf32>
    %3 = stablehlo.multiply %arg0, %arg0 : tensor<7xf32>
    %4 = stablehlo.multiply %3, %3 : tensor<7xf32>
    %5 = stablehlo.multiply %arg0, %4 : tensor<7xf32>
    %cst_0 = stablehlo.constant dense<1.000000e+00> : tensor<7xf32>
    %6 = stablehlo.divide %cst_0, %arg0 : tensor<7xf32>
    %7 = stablehlo.multiply %arg0, %arg0 : tensor<7xf32>
    %cst_1 = stablehlo.constant dense<1.000000e+00> : tensor<7xf32>
    %8 = stablehlo.divide %cst_1, %7 : tensor<7xf32>
    %9 = stablehlo.multiply %arg1, %arg1 : tensor<7xi32>
    %10 = stablehlo.multiply %arg1, %9 : tensor<7xi32>
    return %cst, %arg0, %0, %2, %5, %6, %8, %10 : tensor<7xf32>, tensor<7xf32>, tensor<7xf32>, tensor<7xf32>, tensor<7xf32>, tensor<7xf32>, tensor<7xf32>, tensor<7xi32>
  }
}
